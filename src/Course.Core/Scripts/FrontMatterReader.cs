using System.Text.RegularExpressions;

namespace Course.Core.Scripts;

/// <summary>Reads a script's front matter: '---', then 'key: value' lines, then '---'.</summary>
internal static partial class FrontMatterReader
{
    internal const string Fence = "---";

    /// <summary>Whether the text's first line opens a front matter.</summary>
    internal static bool Opens(IReadOnlyList<string> lines) => lines.Count > 0 && lines[0].TrimEnd() == Fence;

    /// <summary>
    /// Reads the front matter that the first line opens: its metadata, and its lines (the fences included; up to
    /// the end of the text when it is never closed, as then nothing after it is narration).
    /// </summary>
    internal static (ScriptMetadata Metadata, LineSpan Lines) Read(List<string> lines, List<ScriptError> errors)
    {
        var close = lines.FindIndex(1, line => ScriptParser.TrimTrailingWhitespace(line) == Fence);
        if (close < 0)
        {
            errors.Add(ScriptError.Of(1, 1, ScriptErrorCode.FrontMatterNotClosed, "the front matter opened with '---' is never closed: add a line '---' after it"));
            return (ScriptMetadata.Empty, new LineSpan(1, lines.Count));
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < close && errors.Count <= ScriptParser.MaxErrors; i++)
        {
            var line = ScriptParser.TrimTrailingWhitespace(lines[i]);

            if (line.Length == 0)
            {
                continue;
            }

            var match = KeyValueLine().Match(line);
            if (!match.Success)
            {
                errors.Add(ScriptError.Of(i + 1, 1, ScriptErrorCode.FrontMatterExpectedKeyValue, "expected 'key: value' in the front matter (or '---' to close it)"));
                continue;
            }

            var key = match.Groups["key"].Value;
            var value = match.Groups["value"].Value.Trim();
            var rawValue = match.Groups["value"];
            var valueColumn = ScriptParser.Column(line, rawValue.Index + (rawValue.Length - rawValue.Value.TrimStart().Length));
            if (!MetadataRules.Keys.Contains(key))
            {
                var known = string.Join(", ", MetadataRules.Keys);
                errors.Add(ScriptError.Of(i + 1, 1, ScriptErrorCode.FrontMatterUnknownKey, $"unknown front matter key '{key}' (known keys: {known})", key, known));
            }
            else if (values.ContainsKey(key))
            {
                errors.Add(ScriptError.Of(i + 1, 1, ScriptErrorCode.FrontMatterKeyTwice, $"front matter key '{key}' is given twice", key));
            }
            else if (value.Length == 0)
            {
                errors.Add(ScriptError.Of(i + 1, valueColumn, ScriptErrorCode.FrontMatterNoValue, $"front matter key '{key}' has no value", key));
            }
            else if (MetadataRules.Check(key, value) is { } problem)
            {
                errors.Add(ScriptError.Of(i + 1, valueColumn, problem.Code, problem.Message, [.. problem.Arguments]));
            }
            else
            {
                values[key] = value;
            }
        }

        return (new ScriptMetadata(values.GetValueOrDefault("title"), values.GetValueOrDefault("language"),
            values.GetValueOrDefault("slug"), values.GetValueOrDefault("description")), new LineSpan(1, close + 1));
    }

    [GeneratedRegex(@"^(?<key>[a-z][a-z0-9-]*)\s*:(?<value>.*)$")]
    private static partial Regex KeyValueLine();
}
