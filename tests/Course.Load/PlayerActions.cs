using Course.Load.Rendering;

namespace Course.Load;

/// <summary>Where the player stands, as its page shows it.</summary>
public sealed record PlayerPosition(string Counter, string Phase, bool Playing)
{
    public bool AtCheckpoint => Phase == "checkpoint";

    public bool Finished => Phase == "finished";
}

/// <summary>The chapter player's controls (Components/Pages/Lessons/ChapterPlayer.razor), found by role and label.</summary>
public static class PlayerActions
{
    private static DomNode? Player(ClientDom dom) => dom.Element(n => n.HasClass("player"));

    private static DomNode? Button(ClientDom dom, string label) => Player(dom)?.Element(n => n.Name == "button" && n["aria-label"] == label);

    public static PlayerPosition Position(this LearnerSession learner) => learner.Page.Read(dom =>
    {
        var player = Player(dom) ?? throw new LoadException("the player is not on the page");
        return new PlayerPosition(player.Element(n => n.HasClass("player__counter"))?.TextContent() ?? "",
            player["data-phase"] ?? "", player["data-playing"] == "true");
    });

    /// <summary>Presses Play; done when the player says it is playing.</summary>
    public static Task<TimeSpan> PlayAsync(this LearnerSession learner) =>
        learner.ClickAsync("play", dom => Player(dom)?.Element(n => n.HasClass("control--play")), Player,
            dom => Player(dom)?["data-playing"] == "true");

    /// <summary>Presses Pause; done when the player says it is not playing.</summary>
    public static Task<TimeSpan> PauseAsync(this LearnerSession learner) =>
        learner.ClickAsync("pause", dom => Player(dom)?.Element(n => n.HasClass("control--play")), Player,
            dom => Player(dom)?["data-playing"] == "false");

    /// <summary>Reveals the next segment, or moves past the slide's end (to its checkpoint, then the next slide).</summary>
    public static Task<TimeSpan> NextStepAsync(this LearnerSession learner) =>
        learner.ClickAsync("next", dom => Button(dom, "Next step"), Player);

    /// <summary>At a checkpoint: the link to take it, as the page offers it (the quiz, then back to the next slide).</summary>
    public static string? CheckpointLink(this LearnerSession learner) => learner.Page.Read(dom =>
        Player(dom)?.Element(n => n.HasClass("checkpoint-offer"))?.Element(n => n.Name == "a")?["href"]);
}
