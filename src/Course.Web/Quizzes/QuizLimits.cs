namespace Course.Web.Quizzes;

/// <summary>The quiz columns' sizes (QuizConfiguration): PostgreSQL would refuse longer texts, so every path checks them.</summary>
public static class QuizLimits
{
    public const int MaxTitle = 300;
    public const int MaxPrompt = 2000;
    public const int MaxExplanation = 4000;
    public const int MaxBody = 20_000;
}
