using System.Globalization;
using Course.Core.Playback;
using Course.Core.Progress;
using Course.Web.Catalog;
using Course.Web.Components.Shared;
using Course.Web.Lessons;
using Course.Web.Progress;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;

namespace Course.Web.Components.Pages.Lessons;

/// <summary>
/// Plays a chapter: reveals segments on <see cref="ChapterPlayback"/>'s clock, narrates them with the instructor's
/// recorded clips (<see cref="ChapterClips"/>) or, for lines without one, the browser's speech synthesis, shows
/// captions when asked, and keeps the address bar on the current slide and segment.
/// </summary>
public sealed partial class ChapterPlayer : ComponentBase
{
    internal static readonly double[] Speeds = [0.75, 1.0, 1.25, 1.5, 1.75, 2.0];

    private ChapterView? view;
    private ChapterPlayback? playback;
    private ChapterClips clips = null!;
    private bool speechUnavailable; // the browser cannot speak: only recorded lines are voiced
    private bool captions;
    private PlaybackState state = null!;
    private JsModule? module;
    private DotNetObjectReference<ChapterPlayer>? self;
    private readonly VoiceCues voice = new();
    private bool resumeAfterReconnect;
    private bool helpOpen;
    private bool ready; // the browser side is listening: keys, speech and the address bar work
    private string? notice;

    [Inject]
    private IChapterSource Chapters { get; set; } = null!;

    [Inject]
    private TimeProvider Clock { get; set; } = null!;

    // Asked for only when playing a published chapter: a preview has no clips (and its hosts need not provide them).
    [Inject]
    private IServiceProvider Services { get; set; } = null!;

    [Inject]
    private IJSRuntime JS { get; set; } = null!;

    [Inject]
    private PlayerConnection Connection { get; set; } = null!;

    [Inject]
    private IStringLocalizer<SharedResource> L { get; set; } = null!;

    [Inject]
    private ProgressRecorder Progress { get; set; } = null!;

    [Inject]
    private Operations.CourseMetrics Metrics { get; set; } = null!;

    /// <summary>Whether this player counts as an active learner (only once live, never while prerendering).</summary>
    private bool counted;

    /// <summary>Whether the live player has started (browser module loaded, or the preview begun).</summary>
    private bool started;

    [CascadingParameter]
    private Task<AuthenticationState>? Authentication { get; set; }

    /// <summary>The signed-in learner, whose progress is recorded; null for anonymous visitors.</summary>
    private string? userId;

    [Parameter, EditorRequired]
    public string CourseSlug { get; set; } = "";

    [Parameter, EditorRequired]
    public string ChapterSlug { get; set; } = "";

    /// <summary>1-based slide to open.</summary>
    [Parameter]
    public int StartSlide { get; set; } = 1;

    /// <summary>1-based segment to open on that slide.</summary>
    [Parameter]
    public int StartSegment { get; set; } = 1;

    /// <summary>
    /// Where the learner is ("slide.segment", 1-based), kept with the circuit's state when the server releases a
    /// disconnected circuit (.NET 10 persists it): a resumed circuit opens here, not where the page was first opened.
    /// </summary>
    [PersistentState]
    public string? Position { get; set; }

    /// <summary>The quiz a learner came from to review this slide, and its question: offers the way back.</summary>
    [Parameter]
    public string? ReturnQuiz { get; set; }

    [Parameter]
    public string? ReturnQuestion { get; set; }

    /// <summary>Start playing as soon as the player is live (the learner pressed Play to get here).</summary>
    [Parameter]
    public bool AutoPlay { get; set; }

    /// <summary>
    /// Plays this chapter instead of loading the published one by slug: the studio's live preview of a draft.
    /// Read once, when the player starts (give the player a new <c>@key</c> to show another). A preview records
    /// no progress, counts no learner, leaves the address bar and the page's keys alone and offers no narration.
    /// </summary>
    [Parameter]
    public ChapterView? Preview { get; set; }

    private bool IsPreview => Preview is not null;

    private int SlideNumber => state.SlideIndex + 1;

    private SlideView CurrentSlide => view!.Slides[state.SlideIndex];

    private string CurrentText => CurrentSlide.Segments[state.CurrentSegment].PlainText;

    private Narration.PublishedClip? CurrentClip => clips.At(state.SlideIndex, state.CurrentSegment);

    /// <summary>The next line's clip, which the browser loads ahead while narration is on.</summary>
    private string? PreloadUrl => state.Narration ? clips.After(state.SlideIndex, state.CurrentSegment)?.Url : null;

    private bool ShowCaptions => captions && clips.HasRecording;

    private string Language => view!.Chapter.Language;

    private static string UiLanguage => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;

    private string SpeedValue => state.Speed.ToString(CultureInfo.InvariantCulture);

    // A checkpoint comes after its slide: its mark stands halfway to the next one, clear of the slider's handle.
    private string MarkPercent(int slide) =>
        (view!.Slides.Count <= 1 ? 100 : Math.Clamp((slide - 0.5) * 100.0 / (view.Slides.Count - 1), 0, 100)).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    private string ProgressPercent =>
        view!.Slides.Count <= 1 ? "100%" : (state.SlideIndex * 100.0 / (view.Slides.Count - 1)).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    protected override async Task OnInitializedAsync()
    {
        view = Preview ?? await Chapters.GetChapterAsync(CourseSlug, ChapterSlug);
        if (view is null)
        {
            return;
        }

        if (Authentication is not null && !IsPreview)
        {
            userId = (await Authentication).User.FindFirstValue(ClaimTypes.NameIdentifier);
        }

        // A preview offers no narration, so it needs no clips.
        clips = IsPreview ? ChapterClips.None(view) : ChapterClips.Of(view, await Services.GetRequiredService<Narration.IPublishedClips>().ForChapterAsync(view.Chapter.ChapterId));
        var timings = view.Slides.Select((slide, i) => clips.Timings(slide, i)).ToList();
        var checkpoints = view.QuizList.Where(q => q.Kind == Course.Core.Quizzes.QuizKind.Checkpoint && q.AfterSlide is not null)
            .Select(q => q.AfterSlide!.Value - 1).ToHashSet();
        var (startSlide, startSegment) = (StartSlide, StartSegment);
        if (Position?.Split('.') is [var slideText, var segmentText] && int.TryParse(slideText, out var slide) && int.TryParse(segmentText, out var segment)
            && slide >= 1 && slide <= view.Slides.Count && segment >= 1 && segment <= view.Slides[slide - 1].Segments.Count)
        {
            (startSlide, startSegment) = (slide, segment);
        }

        playback = new ChapterPlayback(timings, Clock, startSlide - 1, startSegment - 1, checkpoints);
        state = playback.State;
        playback.Changed += OnPlaybackChanged;
        Connection.Lost += OnConnectionLost;
        Connection.Restored += OnConnectionRestored;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // Not "firstRender": when loading the chapter really waits (PostgreSQL, a busy disk), the first
        // render comes before the playback exists, and the player must still start on the next one.
        if (started || playback is null || !RendererInfo.IsInteractive)
        {
            return;
        }

        started = true;

        if (IsPreview)
        {
            if (AutoPlay)
            {
                playback.Play();
            }

            ready = true;
            StateHasChanged();
            return;
        }

        counted = true;
        Metrics.PlayerOpened(Language);
        self = DotNetObjectReference.Create(this);
        module = await JsModule.ImportAsync(JS, Assets["js/player.js"]);
        var settings = await module.InvokeAsync<PlayerSettings?>("start", self) ?? new PlayerSettings(null, 1.0, false);
        playback.SetSpeed(settings.Speed);
        // A learner who never chose hears a recorded chapter: the instructor's voice is the point of recording it.
        playback.SetNarration(settings.Narration ?? clips.HasRecording);
        captions = settings.Captions;
        if (AutoPlay)
        {
            playback.Play();
        }

        await ShowPositionAsync(playback.State);
        ready = true;
        StateHasChanged();
    }

    private void Act(Action<ChapterPlayback> action)
    {
        notice = null;
        action(playback!);
    }

    private async Task ToggleNarration()
    {
        notice = null;
        playback!.SetNarration(!state.Narration);
        await SaveSettingsAsync();
    }

    private async Task ToggleCaptions()
    {
        captions = !captions;
        await SaveSettingsAsync();
    }

    private async Task OnSpeedChanged(ChangeEventArgs e)
    {
        if (double.TryParse(e.Value?.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var speed))
        {
            playback!.SetSpeed(speed);
            await SaveSettingsAsync();
        }
    }

    private void OnProgressChanged(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var slide))
        {
            playback!.GoToSlide(slide - 1);
        }
    }

    [JSInvokable]
    public Task OnKey(string action) => InvokeAsync(async () =>
    {
        switch (action)
        {
            case "toggle": Act(p => p.TogglePlay()); break;
            case "next-step": Act(p => p.NextStep()); break;
            case "previous-step": Act(p => p.PreviousStep()); break;
            case "next-slide": Act(p => p.NextSlide()); break;
            case "previous-slide": Act(p => p.PreviousSlide()); break;
            case "restart": Act(p => p.RestartSlide()); break;
            case "show-all": Act(p => p.ShowAll()); break;
            case "narration": await ToggleNarration(); break;
            case "captions" when clips.HasRecording: await ToggleCaptions(); break;
            case "help": helpOpen = !helpOpen; break;
            case "escape": helpOpen = false; break;
        }

        StateHasChanged();
    });

    [JSInvokable]
    public Task OnSpeechEnded(long step, string outcome) => InvokeAsync(() =>
    {
        if (outcome == "done")
        {
            playback?.SpeechFinished(step);
            return;
        }

        // No voice, no speech support, or a refusal: say so, and go on with the timed reveal. In a chapter with recorded
        // lines narration stays on for them; only the lines without a clip are shown at reading pace.
        if (clips.HasRecording)
        {
            speechUnavailable = true;
            notice = outcome == "no-voice" ? L["NoVoiceRecorded", Durations.LanguageName(Language)] : L["SpeechFailedRecorded"];
            playback?.SpeechUnavailable();
            StateHasChanged();
            return;
        }

        notice = outcome switch
        {
            "no-voice" => L["NoVoice", Durations.LanguageName(Language)],
            "not-allowed" => L["SpeechNotAllowed"],
            _ => L["SpeechFailed"],
        };
        playback?.SetNarration(false);
        StateHasChanged();
    });

    /// <summary>
    /// The browser's word on a recorded clip: "done" when it ended (the server holds it to the clip's length),
    /// "not-allowed" when the browser wants a gesture first (the player pauses: pressing Play gives one),
    /// anything else when it could not play (the line is then read on the clock).
    /// </summary>
    [JSInvokable]
    public Task OnClipEnded(long step, string outcome) => InvokeAsync(() =>
    {
        switch (outcome)
        {
            case "done":
                playback?.ClipFinished(step);
                return;
            case "not-allowed" when playback?.State.Step == step:
                notice = L["ClipNotAllowed"];
                playback.Pause();
                break;
            default:
                if (playback?.State.Step == step)
                {
                    notice = L["ClipFailed"];
                    playback.ClipFailed(step);
                }

                break;
        }

        StateHasChanged();
    });

    private void OnPlaybackChanged(PlaybackState next) => _ = InvokeAsync(async () =>
    {
        var moved = next.SlideIndex != state.SlideIndex || next.Revealed != state.Revealed;
        var faster = Math.Abs(next.Speed - state.Speed) > 0.001;
        state = next;
        StateHasChanged();
        if (faster)
        {
            await CallAsync("setRate", next.Speed);
        }

        await SpeakOrStopAsync(next);
        if (moved)
        {
            await ShowPositionAsync(next);
        }
    });

    private Task SpeakOrStopAsync(PlaybackState current) =>
        voice.Next(current, clips.IsInClip(current.SlideIndex, current.CurrentSegment), CurrentClip is not null, !speechUnavailable) switch
        {
            VoiceCue.PlayClip => CallAsync("playClip", current.Step, CurrentClip!.Url, current.Speed),
            VoiceCue.Speak => CallAsync("speak", current.Step, CurrentText, Language, current.Speed),
            VoiceCue.Pause => CallAsync("pauseNarration"),
            VoiceCue.Stop => CallAsync("stopNarration"),
            _ => Task.CompletedTask,
        };

    private Task ShowPositionAsync(PlaybackState current)
    {
        if (IsPreview)
        {
            return Task.CompletedTask;
        }

        Metrics.SegmentPlayed(Language);
        Position = $"{current.SlideIndex + 1}.{current.Revealed}";
        if (userId is not null)
        {
            var slide = view!.Slides[current.SlideIndex];
            Progress.Record(new ProgressEvent(userId, view.Chapter.ChapterId, slide.Key, current.Revealed, Clock.GetUtcNow(),
                slide.Segments.Count, ProgressRules.NeededMilliseconds(new SlideShape(slide.Key, slide.Segments.Count, slide.DurationMilliseconds))));
        }

        return CallAsync("showPosition",
            PlayerLinks.Slide(CourseSlug, ChapterSlug, current.SlideIndex + 1, current.Revealed),
            PlayerLinks.ProgressKey(CourseSlug, ChapterSlug),
            current.SlideIndex + 1,
            current.Revealed);
    }

    private string SignInToSave =>
        "/account/login?returnUrl=" + Uri.EscapeDataString(PlayerLinks.Slide(CourseSlug, ChapterSlug, state.SlideIndex + 1, state.Revealed));

    private Task SaveSettingsAsync() => CallAsync("saveSettings", playback!.State.Narration, playback.State.Speed, captions);

    /// <summary>Calls the browser unless it is gone; the server's state stays right either way.</summary>
    private Task CallAsync(string identifier, params object?[] args) => module?.CallAsync(identifier, args) ?? Task.CompletedTask;

    private void OnConnectionLost()
    {
        if (playback is null)
        {
            return;
        }

        resumeAfterReconnect = playback.State.IsPlaying;
        playback.Pause();
    }

    private void OnConnectionRestored()
    {
        if (resumeAfterReconnect)
        {
            resumeAfterReconnect = false;
            playback?.Play();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (counted)
        {
            Metrics.PlayerClosed(Language);
        }

        Connection.Lost -= OnConnectionLost;
        Connection.Restored -= OnConnectionRestored;
        if (playback is not null)
        {
            playback.Changed -= OnPlaybackChanged;
            playback.Dispose();
        }

        if (module is not null)
        {
            await module.CallAsync("dispose");
            await module.DisposeAsync();
        }

        self?.Dispose();
    }

    /// <summary>What the browser remembers between visits; <see cref="Narration"/> is null until the learner chooses.</summary>
    internal sealed record PlayerSettings(bool? Narration, double Speed, bool Captions);

    // At a checkpoint, playing on skips it: the button says so rather than just "Play".
    private string PlayLabel => state.IsPlaying ? L["Pause"] : state.Phase == PlaybackPhase.Checkpoint ? L["PlaySkipsCheckpoint"] : L["Play"];

    private string PlayTitle => state.IsPlaying ? L["PauseKey"] : state.Phase == PlaybackPhase.Checkpoint ? L["PlaySkipsCheckpoint"] : L["PlayKey"];
}
