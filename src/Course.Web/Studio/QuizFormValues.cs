using Course.Core.Quizzes;

namespace Course.Web.Studio;

/// <summary>Typed numbers as the quiz forms read them, every wrong entry named by its field.</summary>
internal static class QuizFormValues
{
    /// <summary>
    /// Reads a number typed in English or Spanish style (docs/quizzes.md). "1.000" could be one or a
    /// thousand, so it is refused with a message rather than guessed.
    /// </summary>
    public static decimal? ReadNumber(string? text, string field, List<ValidationProblem> problems, decimal? emptyIs)
    {
        if (string.IsNullOrWhiteSpace(text) && emptyIs is not null)
        {
            return emptyIs;
        }

        var candidates = NumberReading.Candidates(text);
        switch (candidates.Count)
        {
            case 1:
                return candidates[0];
            case 0:
                problems.Add(new(field, QuizChecks.Codes.NotANumber, $"'{text}' is not a number") { Arguments = [text ?? ""] });
                return null;
            default:
                problems.Add(new(field, QuizChecks.Codes.AmbiguousNumber, $"'{text}' could be {candidates[0]} or {candidates[1]}: write it without a thousands separator")
                {
                    Arguments = [text ?? "", candidates[0], candidates[1]],
                });
                return null;
        }
    }
}

/// <summary>Ids for the options, items and targets of a question: kept where a row has one, else short and never reused.</summary>
internal static class ChoiceIds
{
    /// <summary>The rows as choices: their own ids kept, new rows given free ones (all recorded in <paramref name="used"/>).</summary>
    public static Choice[] WithIds(List<OptionRow> rows, HashSet<string> used)
    {
        used.UnionWith(rows.Where(r => r.Id is not null).Select(r => r.Id!));
        return [.. rows.Select(r => new Choice(r.Id ?? Claim(used), (r.Text ?? "").Trim()))];
    }

    private static string Claim(HashSet<string> used)
    {
        var id = FreeId(used);
        used.Add(id);
        return id;
    }

    /// <summary>"a" … "z", then "x27", "x28", …: short, and never one in use or used before.</summary>
    public static string FreeId(HashSet<string> used)
    {
        for (var c = 'a'; c <= 'z'; c++)
        {
            if (!used.Contains(c.ToString()))
            {
                return c.ToString();
            }
        }

        var n = 27;
        while (used.Contains($"x{n}"))
        {
            n++;
        }

        return $"x{n}";
    }
}
