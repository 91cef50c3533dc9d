using System.Text.Json;
using System.Text.Json.Serialization;

namespace Course.Web.Catalog;

/// <summary>The JSON shape of the API: camelCase, enums as words. Shared by the endpoints and the CLI.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true });

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}
