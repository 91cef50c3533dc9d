namespace Course.Core.Quizzes;

/// <summary>
/// What the learner's browser may see of a question in one attempt: its prompt and its choices with
/// this attempt's opaque ids, in this attempt's order — never which are right, never the authoring ids.
/// For true/false, <see cref="Options"/> holds the two values with "true" and "false" as their texts.
/// </summary>
public sealed record QuestionView(
    string Id,
    QuestionKind Kind,
    string Prompt,
    string? TeachingSlideKey,
    IReadOnlyList<Choice> Options,
    IReadOnlyList<Choice> Targets,
    string? Unit);
