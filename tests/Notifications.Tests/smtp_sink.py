"""A real SMTP server for the digest tests: aiosmtpd on 127.0.0.1:PORT, saving every message as FOLDER/*.json.

Run with Debian's /usr/bin/python3 (package python3-aiosmtpd). Prints "listening" once it accepts connections.
With --cert and --key it offers STARTTLS with that certificate and requires it; with --user and --password it
requires AUTH (PLAIN or LOGIN, over TLS only) with exactly those credentials.
"""
import argparse
import email
import email.policy
import json
import os
import ssl
import threading
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class JsonSink:
    def __init__(self, folder):
        self.folder = folder

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        login = getattr(session.auth_data, "login", None) if session.authenticated else None
        record = {
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "from": str(message["from"]),
            "to": str(message["to"]),
            "subject": str(message["subject"]),
            "messageId": str(message["message-id"]),
            "contentType": message.get_content_type(),
            "parts": parts,
            "overTls": session.ssl is not None,
            "authenticatedAs": login.decode("utf-8") if login else None,
        }
        name = uuid.uuid4().hex
        temporary = os.path.join(self.folder, name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.replace(temporary, os.path.join(self.folder, name + ".json"))
        return "250 OK"


class OneUser:
    def __init__(self, user, password):
        self.user, self.password = user.encode("utf-8"), password.encode("utf-8")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        accepted = isinstance(auth_data, LoginPassword) and auth_data.login == self.user and auth_data.password == self.password
        # handled=False: a refusal is answered with aiosmtpd's own "535 credentials invalid".
        return AuthResult(success=accepted, handled=False, auth_data=auth_data if accepted else None)


def main():
    arguments = argparse.ArgumentParser()
    arguments.add_argument("port", type=int)
    arguments.add_argument("folder")
    arguments.add_argument("--cert")
    arguments.add_argument("--key")
    arguments.add_argument("--user")
    arguments.add_argument("--password")
    options = arguments.parse_args()
    os.makedirs(options.folder, exist_ok=True)

    smtp = {}
    if options.cert:
        tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls.load_cert_chain(options.cert, options.key)
        smtp.update(tls_context=tls, require_starttls=True)
    if options.user:
        smtp.update(authenticator=OneUser(options.user, options.password), auth_required=True, auth_require_tls=True)
    controller = Controller(JsonSink(options.folder), hostname="127.0.0.1", port=options.port, **smtp)
    controller.start()
    print("listening", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
