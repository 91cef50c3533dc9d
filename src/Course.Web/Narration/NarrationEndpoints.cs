using System.Text.RegularExpressions;
using Course.Web.Accounts;
using Course.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Course.Web.Narration;

public static partial class NarrationEndpoints
{
    public static IServiceCollection AddNarration(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NarrationOptions>().Bind(configuration.GetSection(NarrationOptions.Section))
            .Validate(o => o.MaxClipBytes is >= 1024 and <= NarrationOptions.LimitMaxClipBytes,
                $"Narration:MaxClipBytes must be between 1024 and {NarrationOptions.LimitMaxClipBytes} bytes.")
            .ValidateOnStart();
        services.AddSingleton<ClipLibrary>();
        services.AddSingleton<IPublishedClips, PublishedClipReader>();
        return services;
    }

    /// <summary>
    /// GET /api/narration/clips/{sha256}.{ext}: a clip's bytes with range requests and a strong ETag (the hash).
    /// Anyone gets a clip placed in the published version of a chapter learners can read (cached by anyone for a
    /// year: the URL names the content); instructors get any clip (cached privately); everyone else a 404, so an
    /// unpublished recording's existence is not revealed.
    /// </summary>
    public static IEndpointRouteBuilder MapNarrationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/narration/clips/{file}", async (string file, HttpContext context, IDbContextFactory<CourseDbContext> contexts, CancellationToken ct) =>
        {
            if (ClipFile().Match(file) is not { Success: true } name)
            {
                return Results.NotFound();
            }

            var hash = name.Groups["hash"].Value;
            await using var db = await contexts.CreateDbContextAsync(ct);
            var published = await PublishedClipReader.IsPublishedAsync(db, hash, ct);
            if (!published && context.User.IsInRole(Roles.Instructor) is false)
            {
                return Results.NotFound();
            }

            var clip = await db.NarrationClips.AsNoTracking().SingleOrDefaultAsync(c => c.Hash == hash, ct);
            if (clip is null || clip.Extension != name.Groups["ext"].Value)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = published ? "public, max-age=31536000, immutable" : "private, max-age=31536000, immutable";
            return Results.File(clip.Bytes, clip.MediaType, enableRangeProcessing: true, entityTag: new EntityTagHeaderValue($"\"{hash}\""));
        }).WithTags("Narration");
        return app;
    }

    [GeneratedRegex("^(?<hash>[0-9a-f]{64})\\.(?<ext>[a-z0-9]{2,5})$")]
    private static partial Regex ClipFile();
}
