namespace Course.Core.Scripts;

/// <summary>
/// A script's text and the parse of it, handed around together so that whoever needs the parse of this text
/// (the editor's analysis, its slides view, its preview) uses this one instead of parsing again.
/// </summary>
public sealed record ParsedScript(string Text, ScriptParseResult Result)
{
    public static ParsedScript Of(string text) => new(text, ScriptParser.Parse(text));

    /// <summary>This parse when it is of <paramref name="text"/>; else a parse of that text.</summary>
    public static ParsedScript For(string text, ParsedScript? known) => known is not null && known.Text == text ? known : Of(text);
}
