using System.Text.Json;
using System.Text.Json.Serialization;
using Course.Core.Quizzes;
using Course.Web.Data;
using Course.Web.Quizzes;

namespace Course.Web.Studio;

/// <summary>
/// A whole course in one JSON file: its chapters with their published script, pending draft, every
/// published version and their quizzes (slides by number, as in the seed's question bank), so another
/// instance imports it unchanged. With recorded clips, the JSON is <c>course.json</c> in a ZIP archive
/// beside the clips' files (<see cref="PackageArchive"/>), listed in <see cref="Clips"/> and placed per version and draft.
/// </summary>
public sealed record CoursePackage(
    string Format, int FormatVersion, PackageCourse Course, IReadOnlyList<PackageChapter> Chapters,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PackageClip>? Clips = null)
{
    public const string FormatName = "course-package";

    /// <summary>Version 2 carries recorded clips (an archive, <see cref="PackageArchive"/>); a course without clips is still written as version 1.</summary>
    public const int CurrentVersion = 2;

    public const int WithoutClipsVersion = 1;

    public static readonly JsonSerializerOptions Json = new(QuizJson.Options)
    {
        WriteIndented = true,
        MaxDepth = QuizBankCheck.MaxJsonDepth,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}

public sealed record PackageCourse(string Slug, string Title, string Language, string? Description);

public sealed record PackageChapter(
    int Number, string Slug, string Title, string Language, string? Description, ChapterStatus Status,
    string? Script, string? Draft, IReadOnlyList<PackageVersion> Versions, QuizBankFile Quizzes,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PackageClipPlacement>? DraftClips = null);

public sealed record PackageVersion(int Number, string PublishedBy, DateTimeOffset PublishedAt, string Script,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<PackageClipPlacement>? Clips = null);

/// <summary>A package as a file holds it: the package and its clips' files by name (<c>clips/…</c>; none for a JSON package).</summary>
public sealed record PackageFile(CoursePackage Package, IReadOnlyDictionary<string, byte[]> Files)
{
    public bool IsArchive => Files.Count > 0;

    public string MediaType => IsArchive ? "application/zip" : "application/json; charset=utf-8";

    public string FileName => $"{Package.Course.Slug}.course.{(IsArchive ? "zip" : "json")}";

    /// <summary>The file: the JSON alone without clips (as before clips existed), else the archive.</summary>
    public byte[] ToBytes() => IsArchive
        ? PackageArchive.Write(CoursePackages.Write(Package), Files)
        : System.Text.Encoding.UTF8.GetBytes(CoursePackages.Write(Package));
}

public sealed class CoursePackageException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
