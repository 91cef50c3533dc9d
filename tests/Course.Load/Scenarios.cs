namespace Course.Load;

public enum Scenario
{
    /// <summary>Play, pause, then a reveal ("Next step") about every 3 s across the slides, checkpoints passed by.</summary>
    Play,

    /// <summary>The checkpoint quiz, a question about every 2 s, then the final quiz, submitted; again and again.</summary>
    Quiz,

    /// <summary>Even-numbered learners play, odd-numbered ones take quizzes.</summary>
    Mixed,

    /// <summary>Once, no think time: the fixed script compared with a real browser (<see cref="Scenarios.ScriptAsync"/>).</summary>
    Script,
}

/// <summary>What simulated learners do on the seeded course; pacing is scaled by <c>pace</c> (1 = a learner's pace).</summary>
public sealed class Scenarios(string chapterPath, string checkpointQuiz, string finalQuiz, double pace, int seed)
{
    public const string DefaultChapter = "/courses/ai-engineering/chapters/foundation-models";

    private readonly Random random = new(seed);

    /// <summary>A think time around <paramref name="seconds"/> (±20 %).</summary>
    private Task ThinkAsync(double seconds, CancellationToken cancellation) =>
        pace <= 0 ? Task.CompletedTask : Task.Delay(TimeSpan.FromSeconds(seconds * pace * (0.8 + (0.4 * random.NextDouble()))), cancellation);

    public Task RunAsync(Scenario scenario, LearnerSession learner, int index, CancellationToken cancellation) => scenario switch
    {
        Scenario.Play => PlayAsync(learner, cancellation),
        Scenario.Quiz => QuizzesAsync(learner, cancellation),
        Scenario.Script => ScriptAsync(learner, cancellation),
        _ => index % 2 == 0 ? PlayAsync(learner, cancellation) : QuizzesAsync(learner, cancellation),
    };

    public async Task PlayAsync(LearnerSession learner, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            await learner.OpenPlayerAsync(chapterPath, 1, cancellation);
            await learner.PlayAsync();
            await ThinkAsync(3, cancellation); // the server reveals on its own clock meanwhile
            await learner.PauseAsync();
            while (!learner.Position().Finished)
            {
                await ThinkAsync(3, cancellation);
                await learner.JournaledAsync("progress", learner.NextStepAsync);
            }
        }
    }

    public async Task QuizzesAsync(LearnerSession learner, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            await TakeQuizAsync(learner, checkpointQuiz, cancellation);
            await TakeQuizAsync(learner, finalQuiz, cancellation);
        }
    }

    /// <summary>Opens a quiz and answers it to the end: checked question by question, or submitted at the end.</summary>
    public async Task TakeQuizAsync(LearnerSession learner, string quiz, CancellationToken cancellation)
    {
        await learner.OpenQuizAsync(chapterPath, quiz, cancellation);
        if (learner.QuizDone())
        {
            throw new LoadException($"quiz {quiz} opened on a result, not a new attempt");
        }

        var tries = new Dictionary<string, int>();
        var answered = 0;
        var sent = DateTimeOffset.UtcNow;
        while (!learner.QuizDone())
        {
            sent = DateTimeOffset.UtcNow; // the action that shows the result is the one that submits
            await ThinkAsync(2, cancellation);
            if (!await learner.AnswerAsync(tries))
            {
                if (learner.HasSubmit())
                {
                    await learner.SubmitAsync();
                    continue;
                }

                throw new LoadException($"quiz {quiz}: no question is open and there is no result");
            }

            if (++answered > 100)
            {
                throw new LoadException($"quiz {quiz}: still no result after 100 answers");
            }

            if (!learner.QuizDone() && !learner.CurrentNeedsAnswer(tries))
            {
                await learner.NextQuestionAsync();
            }
        }

        learner.Journal?.Write(learner.Account, "submit", sent, quiz);
    }

    /// <summary>
    /// The fixed script compared with a real browser: five reveals on slide 1 onwards, then the checkpoint quiz
    /// answered to the end. No think time; the same page states and the same answers every time.
    /// </summary>
    public async Task ScriptAsync(LearnerSession learner, CancellationToken cancellation)
    {
        await learner.OpenPlayerAsync(chapterPath, 1, cancellation);
        for (var i = 0; i < 5; i++)
        {
            await learner.NextStepAsync();
        }

        await new Scenarios(chapterPath, checkpointQuiz, finalQuiz, pace: 0, seed).TakeQuizAsync(learner, checkpointQuiz, cancellation);
        await learner.ClosePageAsync();
    }
}
