using System.Text.Json;
using Course.Core.Quizzes;
using Course.Core.Scripts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Data;
using Course.Web.Narration;
using Course.Web.Quizzes;
using Microsoft.EntityFrameworkCore;

namespace Course.Web.Studio;

/// <summary>
/// Exports a course as a package (<see cref="CoursePackage"/>; with its recorded clips, a ZIP archive,
/// <see cref="PackageArchive"/>) and imports one into this instance, all or nothing.
/// </summary>
public sealed class CoursePackages(IDbContextFactory<CourseDbContext> contextFactory, ChapterStore store, QuizImporter quizzes, ClipLibrary clipLibrary, CatalogChanges changes, TimeProvider clock)
{
    public async Task<CoursePackage?> ExportAsync(int courseId, CancellationToken cancellationToken = default) =>
        (await ExportFileAsync(courseId, cancellationToken))?.Package;

    /// <summary>The course as a package with its recorded clips' files (version 1, JSON only, when it has none).</summary>
    public async Task<PackageFile?> ExportFileAsync(int courseId, CancellationToken cancellationToken = default)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == courseId, cancellationToken);
        if (course is null)
        {
            return null;
        }

        var chapters = await db.Chapters.AsNoTracking()
            .Where(c => c.CourseId == courseId)
            .Include(c => c.Slides).ThenInclude(s => s.Segments)
            .OrderBy(c => c.Number)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);
        var packaged = new List<PackageChapter>();
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chapter in chapters)
        {
            var slides = chapter.Slides;
            // Quizzes name slides by number: the published ones, or the draft's for a chapter never published.
            var numbers = ChapterContent.NumbersByKey(await ChapterReads.NumberedSlidesAsync(db, chapter.Id, cancellationToken));
            var draft = await db.ChapterDrafts.AsNoTracking().Where(d => d.ChapterId == chapter.Id).Select(d => d.ScriptText).SingleOrDefaultAsync(cancellationToken);
            var clips = await PackageClips.ExportAsync(db, chapter.Id, cancellationToken);
            hashes.UnionWith(clips.Versions.Values.SelectMany(c => c).Concat(clips.Draft ?? []).Select(c => c.Clip));
            var versions = (await db.ChapterVersions.AsNoTracking().Where(v => v.ChapterId == chapter.Id).OrderBy(v => v.Number)
                .Select(v => new PackageVersion(v.Number, v.PublishedBy, v.PublishedAt, v.ScriptText, null)).ToListAsync(cancellationToken))
                .Select(v => clips.Versions.TryGetValue(v.Number, out var placed) ? v with { Clips = placed } : v).ToList();
            var quizList = await db.Quizzes.AsNoTracking().Where(q => q.ChapterId == chapter.Id).Include(q => q.Questions).OrderBy(q => q.Position).ToListAsync(cancellationToken);
            var tools = await db.SlideTools.AsNoTracking().Where(t => t.ChapterId == chapter.Id).OrderBy(t => t.Id).ToListAsync(cancellationToken);
            // A link to a slide only the draft has (a published chapter's new slide) goes by its number in the draft.
            var draftNumbers = ChapterContent.NumbersByKey(await ChapterReads.WorkingSlidesAsync(db, chapter.Id, cancellationToken));
            int? Number(string? key) => key is not null && numbers.TryGetValue(key, out var n) ? n : null;
            int? DraftNumber(string? key) => key is not null && !numbers.ContainsKey(key) && draftNumbers.TryGetValue(key, out var n) ? n : null;

            var bank = new QuizBankFile(
                [.. tools.Where(t => Number(t.SlideKey) is not null).Select(t => new QuizBankTool(Number(t.SlideKey)!.Value, t.Kind, t.Sample))],
                [.. quizList.Select(q => new QuizBankQuiz(q.Slug, q.Title, q.Kind, Number(q.AfterSlideKey), q.Feedback, q.PassMark,
                    [.. q.Questions.OrderBy(x => x.Position).Select(x => new QuizBankQuestion(x.Key, Number(x.TeachingSlideKey), x.Prompt, x.Explanation,
                        QuizJson.Read(x.BodyJson), DraftNumber(x.TeachingSlideKey)))],
                    DraftNumber(q.AfterSlideKey)))]);
            packaged.Add(new PackageChapter(chapter.Number, chapter.Slug, chapter.Title, chapter.Language, chapter.Description, chapter.Status,
                slides.Count == 0 ? null : ChapterContent.ToText(slides),
                draft, versions, bank, clips.Draft));
        }

        var details = new PackageCourse(course.Slug, course.Title, course.Language, course.Description);
        if (hashes.Count == 0)
        {
            return new PackageFile(new CoursePackage(CoursePackage.FormatName, CoursePackage.WithoutClipsVersion, details, packaged), new Dictionary<string, byte[]>());
        }

        var (manifest, files) = await PackageClips.ReadStoredAsync(db, hashes, cancellationToken);
        return new PackageFile(new CoursePackage(CoursePackage.FormatName, CoursePackage.CurrentVersion, details, packaged, manifest), files);
    }

    public static string Write(CoursePackage package) => JsonSerializer.Serialize(package, CoursePackage.Json);

    /// <summary>The longest package text (<c>course.json</c>, or a JSON package), in characters; clips are files beside it.</summary>
    public const int MaxCharacters = 8 * 1024 * 1024;

    /// <summary>How many problems a refused package lists.</summary>
    public const int MaxProblems = 100;

    /// <summary>
    /// Reads a package file and checks all of it that needs no database (<see cref="CoursePackageCheck"/>); a file
    /// that is not one, is a newer format or has any problem is refused with every problem and its place.
    /// </summary>
    /// <exception cref="CoursePackageException">The only exception it throws.</exception>
    public static CoursePackage Read(string json) => Read(json, new Dictionary<string, byte[]>());

    /// <summary>
    /// Reads a package file no larger than <paramref name="maxBytes"/> (the instance's <see cref="PackageOptions.MaxBytes"/>):
    /// a ZIP archive with clips (<see cref="PackageArchive"/>) or the JSON alone.
    /// </summary>
    /// <exception cref="CoursePackageException">The only exception it throws.</exception>
    public static PackageFile Read(byte[] file, long maxBytes = PackageOptions.DefaultMaxBytes)
    {
        if (PackageArchive.IsArchive(file))
        {
            var (json, files) = PackageArchive.Read(file, maxBytes);
            return new PackageFile(Read(json, files), files);
        }

        using var reader = new StreamReader(new MemoryStream(file, writable: false), System.Text.Encoding.UTF8);
        return new PackageFile(Read(reader.ReadToEnd()), new Dictionary<string, byte[]>());
    }

    private static CoursePackage Read(string json, IReadOnlyDictionary<string, byte[]> files)
    {
        if (json.Length > MaxCharacters)
        {
            throw new CoursePackageException([$"the package is longer than {MaxCharacters} characters"]);
        }

        var (package, problem) = QuizBankCheck.Deserialize<CoursePackage>(json, CoursePackage.Json, "a course package");
        if (problem is not null)
        {
            throw new CoursePackageException([problem]);
        }

        if (package is null || package.Format != CoursePackage.FormatName)
        {
            throw new CoursePackageException(["not a course package: the file has no \"format\": \"course-package\""]);
        }

        if (package.FormatVersion is < 1 or > CoursePackage.CurrentVersion)
        {
            throw new CoursePackageException([$"formatVersion: this package is format version {package.FormatVersion}; this instance reads 1 to {CoursePackage.CurrentVersion}"]);
        }

        var problems = CoursePackageCheck.Problems(package);
        problems.AddRange(PackageClips.Problems(package, files));
        if (problems.Count > 0)
        {
            throw new CoursePackageException(problems.Count <= MaxProblems
                ? problems
                : [.. problems.Take(MaxProblems), $"and {problems.Count - MaxProblems} more problems"]);
        }

        return package;
    }

    /// <summary>Imports a package file as read by <see cref="Read(byte[])"/>.</summary>
    public Task<int> ImportAsync(PackageFile file, CancellationToken cancellationToken = default) =>
        ImportAsync(file.Package, file.Files, cancellationToken);

    /// <summary>
    /// Creates the course and its chapters exactly as packaged, in one transaction; any problem (a script with
    /// errors, an invalid quiz, a clip an upload would refuse, a course slug already here) stores nothing and
    /// lists them all. Clips are stored first (by content, as uploads are) and placed by <see cref="ChapterStore"/>.
    /// </summary>
    public async Task<int> ImportAsync(CoursePackage package, IReadOnlyDictionary<string, byte[]>? files = null, CancellationToken cancellationToken = default)
    {
        files ??= new Dictionary<string, byte[]>();
        var problems = new List<string>();
        var parsed = new Dictionary<PackageChapter, ChapterScript?>();
        foreach (var chapter in package.Chapters)
        {
            if (chapter.Script is null)
            {
                parsed[chapter] = null;
                continue;
            }

            var result = ScriptParser.Parse(chapter.Script);
            problems.AddRange(result.Errors.Select(e => $"chapter '{chapter.Slug}', script {e}"));
            parsed[chapter] = result.Script;
        }

        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Courses.AnyAsync(c => c.Slug == package.Course.Slug, cancellationToken))
        {
            problems.Add($"a course '{package.Course.Slug}' exists already here: rename or delete it first");
        }

        if (package.Chapters.Select(c => c.Slug).Distinct().Count() != package.Chapters.Count)
        {
            problems.Add("two chapters share a slug");
        }

        var clips = package.Clips ?? [];
        problems.AddRange(clips.Select(c => files.TryGetValue(c.File, out var bytes) ? ClipProblem(c, bytes) : $"{c.File}: missing from the package").OfType<string>());
        if (problems.Count > 0)
        {
            throw new CoursePackageException(problems);
        }

        // Content-addressed and unplaced until the chapters commit: a later failure leaves bytes no line uses, nothing else.
        // A listed clip no line uses is checked but not stored.
        var placed = package.Chapters.SelectMany(c => (c.DraftClips ?? []).Concat(c.Versions.SelectMany(v => v.Clips ?? []))).Select(p => p.Clip).ToHashSet(StringComparer.Ordinal);
        foreach (var clip in clips.Where(c => placed.Contains(c.Sha256)))
        {
            await clipLibrary.StoreAsync(files[clip.File], clip.DurationMilliseconds, cancellationToken);
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var course = new CourseEntity
        {
            Slug = package.Course.Slug,
            Title = package.Course.Title,
            Language = package.Course.Language,
            Description = package.Course.Description,
            CreatedAt = now,
        };
        db.Courses.Add(course);
        var stored = new List<(PackageChapter Package, Chapter Chapter)>();
        foreach (var item in package.Chapters.OrderBy(c => c.Number))
        {
            var chapter = await store.AddAsync(db, course, new NewChapter(item.Slug, item.Title, item.Language, item.Description, ChapterImporter.ImportedBy, item.Number)
            {
                Status = item.Status,
                Slides = parsed[item],
                PublishedAt = item.Status == ChapterStatus.Draft ? null : item.Versions.LastOrDefault()?.PublishedAt ?? now,
                Versions = [.. item.Versions.Select(v => new NewVersion(v.Number, v.Script, v.PublishedBy, v.PublishedAt) { Clips = Numbered(v.Clips) })],
                Draft = item.Draft,
                DraftClips = Numbered(item.DraftClips),
            }, cancellationToken);
            stored.Add((item, chapter));
        }

        await transaction.CommitAsync(cancellationToken);

        // Quizzes refer to slides by number, so they go in once the slides exist; a failure here removes
        // the course again, so the import stays all or nothing.
        foreach (var (item, chapter) in stored.Where(s => s.Package.Quizzes.Quizzes.Count > 0 || s.Package.Quizzes.Tools is { Count: > 0 }))
        {
            var quizProblems = await quizzes.ImportAsync(chapter.Id, item.Quizzes, cancellationToken);
            if (quizProblems.Count > 0)
            {
                await RemoveCourseAsync(course.Id, cancellationToken);
                throw new CoursePackageException([.. quizProblems.Select(p => $"chapter '{item.Slug}', {p}")]);
            }
        }

        await changes.ChapterChangedAsync(cancellationToken);
        return course.Id;
    }

    private static IReadOnlyList<NumberedClip> Numbered(IReadOnlyList<PackageClipPlacement>? placements) =>
        [.. (placements ?? []).Select(p => new NumberedClip(p.Slide, p.Line, p.RecordedText, p.Clip))];

    /// <summary>What an upload of the clip's file would be refused for, naming the file.</summary>
    private string? ClipProblem(PackageClip clip, byte[] bytes) => clipLibrary.Refusal(bytes, clip.DurationMilliseconds) switch
    {
        null => null,
        ClipUpload.TooLarge large => $"{clip.File}: larger than the {large.MaxBytes} bytes a clip may have",
        ClipUpload.NotAudio => $"{clip.File}: not audio (its content is none of WebM, Ogg, MP3, M4A/AAC or WAV, whatever its name says)",
        _ => $"{clip.File}: its length cannot be timed (durationMilliseconds {clip.DurationMilliseconds} must be {ClipLibrary.MinDurationMilliseconds} to {ClipLibrary.MaxDurationMilliseconds}; a WAV's comes from its header)",
    };

    private async Task RemoveCourseAsync(int courseId, CancellationToken cancellationToken)
    {
        await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
        db.Chapters.RemoveRange(db.Chapters.Where(c => c.CourseId == courseId));
        await db.SaveChangesAsync(cancellationToken);
        db.Courses.RemoveRange(db.Courses.Where(c => c.Id == courseId));
        await db.SaveChangesAsync(cancellationToken);
    }
}
