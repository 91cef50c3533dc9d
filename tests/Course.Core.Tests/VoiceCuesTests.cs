using Course.Core.Playback;

namespace Course.Core.Tests;

/// <summary>The voice's cues as the player's state changes: input states → the cue each one gives.</summary>
public sealed class VoiceCuesTests
{
    // A state as "step phase playing narration": "3 reading play on".
    private static PlaybackState State(string text)
    {
        var parts = text.Split(' ');
        var phase = Enum.Parse<PlaybackPhase>(parts[1], ignoreCase: true);
        return new PlaybackState(0, 1, phase, parts[2] == "play", 1.0, parts[3] == "on", long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static TheoryData<string, string, string> Sequences => new()
    {
        // what                                        states, one after another (| between)                         cues
        { "a recorded line plays its clip once",        "1 reading play on | 1 reading play on",                        "PlayClip None" },
        { "the next line plays its own",                "1 reading play on | 1 pausing play on | 2 reading play on",    "PlayClip Stop PlayClip" },
        { "paused mid-line holds the clip",             "1 reading play on | 1 reading pause on | 1 reading play on",   "PlayClip Pause PlayClip" },
        { "moving on while paused stops the held clip", "1 reading play on | 1 reading pause on | 2 reading pause on",  "PlayClip Pause Stop" },
        { "paused in the pause: nothing to hold",       "1 reading play on | 1 pausing play on | 1 pausing pause on",   "PlayClip Stop None" },
        { "narration off stops the voice",              "1 reading play on | 1 reading play off",                       "PlayClip Stop" },
        { "narration off: never voiced",                "1 reading play off | 2 reading play off",                      "None None" },
    };

    [Theory]
    [MemberData(nameof(Sequences))]
    public void A_line_with_a_clip(string what, string states, string cues)
    {
        var voice = new VoiceCues();

        var given = states.Split(" | ").Select(s => voice.Next(State(s), inClip: false, hasClip: true, canSpeak: true).ToString());

        Assert.True(string.Join(' ', given) == cues, $"{what}: {string.Join(' ', given)}");
    }

    [Theory]
    [InlineData(false, false, true, VoiceCue.Speak)]   // no clip: the browser speaks it
    [InlineData(false, false, false, VoiceCue.None)]   // no clip and no voice for the language: shown at reading pace
    [InlineData(true, true, true, VoiceCue.None)]      // a segment inside its line's clip: spoken in the clip already
    [InlineData(false, true, false, VoiceCue.PlayClip)] // a clip plays whether or not the browser can speak
    public void What_voices_a_line(bool inClip, bool hasClip, bool canSpeak, VoiceCue expected)
    {
        Assert.Equal(expected, new VoiceCues().Next(State("1 reading play on"), inClip, hasClip, canSpeak));
    }
}
