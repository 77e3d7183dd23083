using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SocialWatch.Core.Domain;

namespace SocialWatch.Storage;

/// <summary>
/// A <see cref="LocalizableMessage"/> in two columns: its template, and its arguments as a JSON array in which each
/// argument is the text it printed as, or a nested message as <c>{"template": …, "arguments": […]}</c> so the
/// console can still translate the phrase inside ("Mastodon account @budi" in "… not found").
/// </summary>
internal static class StoredMessages
{
    public static string ArgumentsJson(LocalizableMessage message) => ToJson(message).ToJsonString();

    public static LocalizableMessage Read(string template, string argumentsJson) =>
        LocalizableMessage.FromTemplate(template, ReadArguments(JsonNode.Parse(argumentsJson) as JsonArray ?? []));

    private static JsonArray ToJson(LocalizableMessage message) => new([.. message.Arguments.Select(ToJson)]);

    private static JsonNode? ToJson(object? argument) => argument switch
    {
        null => null,
        LocalizableMessage nested => new JsonObject { ["template"] = nested.Template, ["arguments"] = ToJson(nested) },
        IFormattable formattable => JsonValue.Create(formattable.ToString(null, CultureInfo.InvariantCulture)),
        _ => JsonValue.Create(argument.ToString()),
    };

    private static object?[] ReadArguments(JsonArray arguments) => [.. arguments.Select(ReadArgument)];

    private static object? ReadArgument(JsonNode? node) => node switch
    {
        JsonObject nested when nested["template"]?.GetValue<string>() is { } template =>
            LocalizableMessage.FromTemplate(template, ReadArguments(nested["arguments"] as JsonArray ?? [])),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        null => null,
        _ => node.ToJsonString(),
    };
}
