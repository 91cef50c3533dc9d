namespace Course.Core.Scripts;

/// <summary>A problem in a script, at a 1-based line and column (columns count characters).</summary>
public sealed record ScriptError(int Line, int Column, string Message)
{
    public override string ToString() => $"{Line}:{Column}: {Message}";
}

/// <summary>The outcome of parsing: a script, or every problem found (never both).</summary>
public sealed record ScriptParseResult(ChapterScript? Script, IReadOnlyList<ScriptError> Errors)
{
    public bool Succeeded => Script is not null;

    public ChapterScript GetScriptOrThrow() =>
        Script ?? throw new ScriptFormatException(Errors);
}

public sealed class ScriptFormatException(IReadOnlyList<ScriptError> errors)
    : FormatException("The script has errors:" + Environment.NewLine + string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<ScriptError> Errors { get; } = errors;
}
