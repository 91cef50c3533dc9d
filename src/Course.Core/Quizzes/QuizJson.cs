using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.Core.Quizzes;

/// <summary>The one JSON shape of question bodies: in the database, in seed files and in exports.</summary>
public static class QuizJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
        AllowOutOfOrderMetadataProperties = true,
    };

    public static string Write(QuestionBody body) => JsonSerializer.Serialize(body, Options);

    public static QuestionBody Read(string json) =>
        JsonSerializer.Deserialize<QuestionBody>(json, Options) ?? throw new JsonException("A question body is empty.");
}
