using System.Security.Cryptography;
using Course.Core.Authoring;
using Course.Core.Narration;
using Course.Core.Scripts;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// A recorded clip a package carries, once however many lines use it: its file in the archive
/// (<c>clips/&lt;sha256&gt;.&lt;ext&gt;</c>), its media type and its length as stored where it was exported.
/// </summary>
public sealed record PackageClip(string Sha256, string File, string MediaType, int DurationMilliseconds);

/// <summary>
/// A clip on a line of a version or of the draft: the slide by its number in that text (1-based, as quizzes
/// name slides), the line in the slide from 0 (as clips count lines), the text it was recorded for, the clip's SHA-256.
/// </summary>
public sealed record PackageClipPlacement(int Slide, int Line, string RecordedText, string Clip);

/// <summary>A chapter's clips as a package carries them: per version number, the draft's, and the hashes used.</summary>
public sealed record ChapterClipExport(IReadOnlyDictionary<int, IReadOnlyList<PackageClipPlacement>> Versions, IReadOnlyList<PackageClipPlacement>? Draft);

/// <summary>
/// Recorded clips in course packages: reading a chapter's placements for export, and every check of the
/// clips and placements that needs no database (the clip's content is checked as an upload, by
/// <c>ClipLibrary</c>, when it is imported). Problems start with their field or file, as <see cref="CoursePackageCheck"/>'s do.
/// </summary>
public static class PackageClips
{
    /// <summary>The most clips one package carries (their bytes are bounded by <see cref="PackageArchive"/>).</summary>
    public const int MaxClips = 5_000;

    /// <summary>The most placements one version or draft carries.</summary>
    public const int MaxPlacements = 10_000;

    public static string FileName(string hash, string extension) => $"clips/{hash}.{extension}";

    /// <summary>The placements of a chapter's versions and draft, slides by number, sorted by slide and line.</summary>
    public static async Task<ChapterClipExport> ExportAsync(CourseDbContext db, int chapterId, CancellationToken cancellationToken)
    {
        var rows = await db.ClipPlacements.AsNoTracking().Where(p => p.ChapterId == chapterId).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return new ChapterClipExport(new Dictionary<int, IReadOnlyList<PackageClipPlacement>>(), null);
        }

        var versions = await db.ChapterVersions.AsNoTracking().Where(v => v.ChapterId == chapterId)
            .Select(v => new { v.Id, v.Number, v.SlideKeysJson }).ToListAsync(cancellationToken);
        var latest = versions.MaxBy(v => v.Number)?.Id;
        var published = await ChapterReads.PublishedSlidesAsync(db, chapterId, cancellationToken);
        var byVersion = new Dictionary<int, IReadOnlyList<PackageClipPlacement>>();
        foreach (var version in versions)
        {
            // A version keeps its slides' keys; the latest one's are the published slides' when it has none.
            var keyed = ChapterContent.ReadKeys(version.SlideKeysJson) ?? (version.Id == latest ? published : []);
            if (Numbered(rows.Where(r => r.ChapterVersionId == version.Id), keyed) is { Count: > 0 } placed)
            {
                byVersion[version.Number] = placed;
            }
        }

        var draft = await ChapterReads.WorkingSlidesAsync(db, chapterId, cancellationToken);
        var hasDraft = await db.ChapterDrafts.AnyAsync(d => d.ChapterId == chapterId, cancellationToken);
        var draftClips = hasDraft ? Numbered(rows.Where(r => r.ChapterVersionId == null), draft) : [];
        return new ChapterClipExport(byVersion, draftClips.Count > 0 ? draftClips : null);
    }

    private static List<PackageClipPlacement> Numbered(IEnumerable<ClipPlacementRow> rows, IReadOnlyList<KeyedSlide> keyed)
    {
        var numbers = ChapterContent.NumbersByKey(keyed);
        return [.. rows.Where(r => numbers.ContainsKey(r.SlideKey))
            .Select(r => new PackageClipPlacement(numbers[r.SlideKey], r.Line, r.RecordedText, r.ClipHash))
            .OrderBy(p => p.Slide).ThenBy(p => p.Line)];
    }

    /// <summary>The clips' rows for a package's manifest, sorted by hash, with their files' bytes.</summary>
    public static async Task<(List<PackageClip> Clips, Dictionary<string, byte[]> Files)> ReadStoredAsync(
        CourseDbContext db, IReadOnlyCollection<string> hashes, CancellationToken cancellationToken)
    {
        var stored = await db.NarrationClips.AsNoTracking().Where(c => hashes.Contains(c.Hash)).ToListAsync(cancellationToken);
        var clips = stored.OrderBy(c => c.Hash, StringComparer.Ordinal)
            .Select(c => new PackageClip(c.Hash, FileName(c.Hash, c.Extension), c.MediaType, c.DurationMilliseconds)).ToList();
        return (clips, stored.ToDictionary(c => FileName(c.Hash, c.Extension), c => c.Bytes, StringComparer.Ordinal));
    }

    /// <summary>
    /// The clips' manifest against the archive's files (each listed, present, named by its bytes' SHA-256) and every
    /// placement against its text (a slide and line that exist, a clip the package carries).
    /// </summary>
    public static List<string> Problems(CoursePackage package, IReadOnlyDictionary<string, byte[]> files)
    {
        var problems = new List<string>();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        if (package.Clips is { } clips && QuizBankCheck.Count(clips, MaxClips, "clips", problems, required: false))
        {
            for (var i = 0; i < clips.Count; i++)
            {
                CheckClip(clips[i], $"clips[{i}]", files, hashes, problems);
            }
        }

        var listed = (package.Clips ?? []).Where(c => c is not null).Select(c => c.File).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(files.Keys.Where(f => !listed.Contains(f)).Order(StringComparer.Ordinal)
            .Select(f => $"{QuizBankCheck.Shown(f)}: a file the package's \"clips\" do not list"));

        for (var c = 0; c < (package.Chapters?.Count ?? 0); c++)
        {
            if (package.Chapters![c] is not { } chapter)
            {
                continue;
            }

            var at = $"chapters[{c}]";
            if (chapter.Draft is null && chapter.DraftClips is { Count: > 0 })
            {
                problems.Add($"{at}.draftClips: the chapter has no draft to place them on");
            }

            var draftText = chapter.Draft is not null && ScriptParser.Parse(chapter.Draft).Succeeded ? chapter.Draft : chapter.Script;
            Placements(chapter.DraftClips, draftText, $"{at}.draftClips", "the draft", hashes, problems);
            for (var v = 0; v < (chapter.Versions?.Count ?? 0); v++)
            {
                if (chapter.Versions![v] is { } version)
                {
                    Placements(version.Clips, version.Script, $"{at}.versions[{v}].clips", $"version {version.Number}", hashes, problems);
                }
            }
        }

        return problems;
    }

    private static void CheckClip(PackageClip? clip, string at, IReadOnlyDictionary<string, byte[]> files, HashSet<string> hashes, List<string> problems)
    {
        if (clip is null)
        {
            problems.Add($"{at}: missing");
            return;
        }

        if (clip.Sha256 is not { Length: 64 } hash || !hash.All(char.IsAsciiHexDigitLower))
        {
            problems.Add($"{at}.sha256: a SHA-256 in 64 lower-case hex digits, not '{QuizBankCheck.Shown(clip.Sha256)}'");
            return;
        }

        if (!hashes.Add(hash))
        {
            problems.Add($"{at}.sha256: the clip {hash} is listed twice");
        }

        if (clip.File is not { } file || !AudioFormat.All.Any(f => file == FileName(hash, f.Extension)))
        {
            problems.Add($"{at}.file: clips/{hash}.<webm|ogg|mp3|m4a|wav>, not '{QuizBankCheck.Shown(clip.File)}'");
            return;
        }

        QuizBankCheck.Length(clip.MediaType, 64, $"{at}.mediaType", problems);
        if (!files.TryGetValue(file, out var bytes))
        {
            problems.Add($"{file}: missing from the package ({at} lists it)");
        }
        else if (Convert.ToHexStringLower(SHA256.HashData(bytes)) is var actual && actual != hash)
        {
            problems.Add($"{file}: its content's SHA-256 is {actual}, not the {hash} its name says (the file was changed)");
        }
    }

    private static void Placements(IReadOnlyList<PackageClipPlacement>? placements, string? text, string at, string what, HashSet<string> hashes, List<string> problems)
    {
        if (!QuizBankCheck.Count(placements, MaxPlacements, at, problems, required: false))
        {
            return;
        }

        var slides = text is null ? [] : ScriptParser.Parse(text).Script?.Slides ?? [];
        var taken = new HashSet<(int, int)>();
        for (var i = 0; i < placements!.Count; i++)
        {
            var item = $"{at}[{i}]";
            if (placements[i] is not { } placement)
            {
                problems.Add($"{item}: missing");
                continue;
            }

            if (placement.Clip is null || !hashes.Contains(placement.Clip))
            {
                problems.Add($"{item}.clip: '{QuizBankCheck.Shown(placement.Clip)}' is not one of the package's clips");
            }

            if (placement.RecordedText is null)
            {
                problems.Add($"{item}.recordedText: missing");
            }

            QuizBankCheck.Length(placement.RecordedText, ScriptParser.MaxCharacters, $"{item}.recordedText", problems);
            if (placement.Slide < 1 || placement.Slide > slides.Count)
            {
                problems.Add($"{item}.slide: {what} has {slides.Count} slides, so no slide {placement.Slide}");
                continue;
            }

            var lines = ScriptLines.Of(slides[placement.Slide - 1]).Count;
            if (placement.Line < 0 || placement.Line >= lines)
            {
                problems.Add($"{item}.line: slide {placement.Slide} of {what} has {lines} lines (0 to {lines - 1}), so no line {placement.Line}");
            }
            else if (!taken.Add((placement.Slide, placement.Line)))
            {
                problems.Add($"{item}: slide {placement.Slide}, line {placement.Line} of {what} has two clips");
            }
        }
    }
}
