#!/usr/bin/env python3
"""Writes bench/learning/mockery.jsonl: the labelled set of bench/learning.sh (docs/benchmarks.md, "Learning from decisions").

The style: mockery and sarcasm aimed at a named Pilkada 2024 candidate, in reply style (@user, links, laughter, slang),
without an election word, which the shipped model misses or reads as praise; and as many hard negatives in the same
style (everyday mentions of the same people: news, sightings, get-well wishes, traffic complaints). Sentences are
ours, built from the templates below over the candidate aliases of data/contests; nothing here is anyone else's post.
The pool (the officers' decisions fed in rounds) and the held-back parts use the candidates of different provinces,
so a round is measured on names its decisions never named; the part "heldback-new" also uses sentence templates the
pool never used. Deterministic: same contest files, same file.
"""
import glob, json, os, random, re

ROOT = os.path.join(os.path.dirname(__file__), "..", "..")

MOCKERY = [
    "hoax identik sama {n} ya wkwk, tiap hari ada aja",
    "salut sama {n}, prestasinya luar biasa: nol 😂",
    "{n}? mending gak usah deh, udah ketauan kualitasnya",
    "wah hebat bener {n}, janji doang dari dulu 👏👏",
    "@{u} yakin mau dipimpin {n}? mikir lagi deh gaes",
    "kalo masih ada yg belain {n} fix otaknya perlu diservis",
    "{n} itu jago apa sih selain foto2 sama rakyat? 🤡",
    "@{u} {n} mah bisanya ngomong doang, kerja kagak wkwkwk",
    "kasian yg percaya {n}, ntar nyesel sendiri 🤭",
    "ngakak liat {n} pidato, isinya muter2 gak jelas {l}",
    "{n} kerjanya cuma gunting pita, prestasi apaan",
    "udah deh {n}, pulang aja, kita ga butuh",
    "lucu ya {n}, dulu ngomong A sekarang B 🙃",
    "{n} = pencitraan level dewa wkwk",
    "@{u} serius lu ngefans sama {n}? kocak parah",
    "bosen sama janji palsunya {n}, tiap taun sama aja",
    "hadeh {n}, urus dulu jalan bolong baru ngomong gede",
    "{n} tuh kayak sinetron, episodenya panjang isinya kosong 😴",
    "@{u} wkwk {n} lagi, {n} lagi, kaga ada yg lain apa",
    "mimpi kali dipimpin {n} bisa maju, bangun woy {l}",
    "prestasi {n}: bikin rakyat tambah bingung 🤣",
    "@{u} bener, {n} cuma modal tampang sama duit",
    "sok merakyat si {n}, padahal turun ke pasar sekali doang buat konten",
    "{n} ngomong soal kesejahteraan? ketawa dulu ah 😂😂",
]

NEGATIVE = [
    ("{n} menjenguk korban banjir pagi tadi, bantuan sudah disalurkan", "civic"),
    ("tadi liat {n} makan di warung soto deket kantor wkwk", "other"),
    ("{n} hadir di acara haul tadi malam, rame banget {l}", "other"),
    ("berita hari ini: {n} rapat bareng DPRD bahas anggaran sekolah", "civic"),
    ("@{u} {n} diundang jadi pembicara seminar pertanian besok pagi", "civic"),
    ("macet gara2 rombongan {n} lewat, telat ngantor deh 😩", "other"),
    ("katanya {n} lagi sakit ya? semoga lekas sembuh", "other"),
    ("{n} meresmikan pasar baru di kecamatan kemarin {l}", "civic"),
    ("@{u} ada yang tau {n} aslinya dari kabupaten mana?", "other"),
    ("anak saya satu sekolah sama cucunya {n}, dunia sempit ya", "other"),
    ("{n} ngisi kultum di masjid agung tadi subuh", "other"),
    ("video {n} main bola sama warga viral, lucu juga wkwk", "other"),
]

USERS = ["budi_88", "sri.w", "dedi_k", "rina_asn", "mas_joko", "uni_lala", "bang_ucok", "teh_nenden", "acil_banjar", "kak_ros"]
LINKS = ["https://t.co/a1b2c3", "https://bit.ly/3xYz", "https://youtu.be/q9w8e7", ""]


def aliases():
    """Per province: the unambiguous aliases of its pairs."""
    provinces = []
    for path in sorted(glob.glob(os.path.join(ROOT, "data", "contests", "pilkada-2024-*.json"))):
        names = []
        # Contest files may carry // comment lines (docs/contests.md).
        text = re.sub(r"^\s*//.*$", "", open(path, encoding="utf-8").read(), flags=re.M)
        for contest in json.loads(text)["contests"]:
            for pair in contest.get("pairs", []):
                ambiguous = set(pair.get("ambiguous", []))
                names += [a for a in pair.get("aliases", []) if a not in ambiguous and " " in a]
        if names:
            provinces.append((os.path.basename(path)[:-5], names))
    return provinces


def rows(provinces, part, count, rng, mockery, negative):
    names = [n for _, ns in provinces for n in ns]
    out = []
    for i in range(count):
        name = rng.choice(names)
        name = name.title() if rng.random() < 0.3 else name
        if rng.random() < 0.7:
            text, label = rng.choice(mockery), "oppose"
        else:
            text, label = rng.choice(negative)
        text = text.format(n=name, u=rng.choice(USERS), l=rng.choice(LINKS)).strip()
        out.append({"id": f"mockery-{part}-{i + 1:03d}", "text": text, "label": label, "part": part,
                    "decided_at": f"2026-11-{1 + i % 28:02d}T03:00:00.000Z", "agency": "BENCH"})
    return out


def main():
    rng = random.Random(20261203)
    provinces = aliases()
    pool = [p for i, p in enumerate(provinces) if i % 2 == 0]
    heldback = [p for i, p in enumerate(provinces) if i % 2 == 1]
    # "heldback" shares the pool's sentence templates (only the names are new); "heldback-new" uses the other half of
    # the templates as well, so it measures whether the decisions taught the style rather than the sentences.
    mockery, negative = MOCKERY[0::2], NEGATIVE[0::2]
    lines = (rows(pool, "pool", 200, rng, mockery, negative)
             + rows(heldback, "heldback", 200, rng, mockery, negative)
             + rows(heldback, "heldback-new", 200, rng, MOCKERY[1::2], NEGATIVE[1::2]))
    with open(os.path.join(os.path.dirname(__file__), "mockery.jsonl"), "w", encoding="utf-8") as f:
        for row in lines:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
