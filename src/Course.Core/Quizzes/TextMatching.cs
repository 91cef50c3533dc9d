using System.Globalization;
using System.Text;

namespace Course.Core.Quizzes;

/// <summary>How short answers are compared: case, accents, inner spacing and end punctuation do not count.</summary>
public static class TextMatching
{
    public static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text.Trim().Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().TrimEnd('.', '!', '?', ';', ':', ',', '¡', '¿').TrimStart('¡', '¿');
    }

    public static bool Matches(string typed, IEnumerable<string> accepted)
    {
        var normalised = Normalise(typed);
        return normalised.Length > 0 && accepted.Any(a => Normalise(a) == normalised);
    }
}
