namespace Course.Core.Scripts;

/// <summary>
/// A problem in a script, at a 1-based line and column (columns count characters). <see cref="Message"/> is
/// English, for files, logs and the command line; <see cref="Code"/> and <see cref="Arguments"/> let a page say
/// it in the reader's language (null for problems without a code of their own).
/// </summary>
public sealed record ScriptError(int Line, int Column, string Message)
{
    public ScriptErrorCode? Code { get; init; }

    /// <summary>The message's variable parts, in order: the value written, a limit, the keys allowed…</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    internal static ScriptError Of(int line, int column, ScriptErrorCode code, string message, params string[] arguments) =>
        new(line, column, message) { Code = code, Arguments = arguments };

    // Equal when they say the same thing at the same place (the code and arguments follow from the message).
    public bool Equals(ScriptError? other) =>
        other is not null && Line == other.Line && Column == other.Column && Message == other.Message;

    public override int GetHashCode() => HashCode.Combine(Line, Column, Message);

    public override string ToString() => $"{Line}:{Column}: {Message}";
}

/// <summary>What a <see cref="ScriptError"/> is about, so pages can translate it (resources "ScriptErr" + code).</summary>
public enum ScriptErrorCode
{
    UnknownTag,
    UnclosedBreak,
    BreakNotSelfClosing,
    MalformedAttribute,
    AttributeTwice,
    UnknownStrength,
    UnknownAttribute,
    TimeAndStrength,
    TimeNegative,
    TimeNotANumber,
    TimeOverMaximum,
    TimeFinerThanMillisecond,
    FrontMatterNotClosed,
    FrontMatterExpectedKeyValue,
    FrontMatterUnknownKey,
    FrontMatterKeyTwice,
    FrontMatterNoValue,
    Utf16,
    NotUtf8,
    NulByte,
    ControlCharacter,
    TwoBreaksWithoutText,
    EmptyChapter,
    MarkdownFencedCode,
    MarkdownSetextHeading,
    MarkdownRuleUnderText,
    MarkdownEmptyHeading,
    MarkdownTitleTwice,
    NotALanguageTag,
    NotASlug,
    TitleTooLong,
    DescriptionTooLong,
    ValueTooLong,
    LineTooLong,
    TextTooLong,
    TooManyErrors,
}

/// <summary>What is wrong with one title, language, slug or description (see <see cref="MetadataRules.Check"/>).</summary>
public sealed record MetadataProblem(ScriptErrorCode Code, string Message, IReadOnlyList<string> Arguments);

/// <summary>
/// The outcome of parsing: a script, or every problem found (never both); and, either way, where the text's
/// front matter and slides are (empty for results that are not of a script's text, such as a Markdown import's).
/// </summary>
public sealed record ScriptParseResult(ChapterScript? Script, IReadOnlyList<ScriptError> Errors)
{
    public bool Succeeded => Script is not null;

    /// <summary>Each slide's lines in the text, in order; on success, the same slides as <see cref="ChapterScript.Slides"/>.</summary>
    public IReadOnlyList<ParsedSlide> Slides { get; init; } = [];

    /// <summary>The front matter's lines, its fences included; null when the text has none.</summary>
    public LineSpan? FrontMatter { get; init; }

    public ChapterScript GetScriptOrThrow() =>
        Script ?? throw new ScriptFormatException(Errors);
}

public sealed class ScriptFormatException(IReadOnlyList<ScriptError> errors)
    : FormatException("The script has errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScriptError> Errors { get; } = errors;
}
