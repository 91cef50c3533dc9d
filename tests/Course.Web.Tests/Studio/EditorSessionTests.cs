using Course.Web.Chapters;
using Course.Web.Components.Pages.Studio.Editor;
using Course.Web.Data;
using Course.Web.Studio;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Course.Web.Tests.Studio;

/// <summary>
/// The editor's session on its own (no component, no database): autosave after a pause in typing, the save
/// state the page shows, a conflict that keeps both texts and everything typed, publishing after saving.
/// </summary>
public class EditorSessionTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeStore store = new();
    private readonly EditorSession session;

    public EditorSessionTests()
    {
        store.Text = "One";
        var draft = new DraftView(7, "course", "chapter", "Title", "en", null, ChapterStatus.Published, "One", 0, false, null, null, "One");
        session = new EditorSession(draft, store, clock, NullLogger.Instance);
    }

    private void Type(string text) =>
        Assert.Equal(EditOutcome.Complete, session.Edit(session.Buffer.Epoch, session.Buffer.Version + 1, 0, -1, text, true, text.Length));

    [Fact]
    public void Typing_saves_two_seconds_after_the_last_edit_and_parses_after_three_hundred_milliseconds()
    {
        Assert.Equal(SaveState.NoDraft, session.State);

        Type("One\nTwo");
        Assert.Equal(SaveState.Dirty, session.State);
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.Equal(1, store.Parses);
        clock.Advance(TimeSpan.FromMilliseconds(1200));
        Type("One\nTwo\nThree");
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.Empty(store.Saves);

        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(["One\nTwo\nThree"], store.Saves);
        Assert.Equal(SaveState.Saved, session.State);
        Assert.Equal(1, session.Revision);
        Assert.Equal((1, session.Buffer.Version), store.MarkedSaved[^1]);
    }

    [Fact]
    public void A_failed_save_says_so_keeps_the_text_and_is_tried_again()
    {
        store.FailNext = true;
        Type("One\nTwo");

        clock.Advance(EditorSession.SaveDelay);
        Assert.Equal(SaveState.Failed, session.State);
        Assert.Equal("One\nTwo", session.Text);

        clock.Advance(EditorSession.SaveDelay);
        Assert.Equal(SaveState.Saved, session.State);
        Assert.Equal("One\nTwo", store.Text);
    }

    [Fact]
    public async Task A_save_that_meets_another_holds_both_texts_stops_autosaving_and_keeps_what_is_typed_meanwhile()
    {
        store.SaveByOther("One\nTheirs", "ana@example.com");
        Type("One\nMine");
        clock.Advance(EditorSession.SaveDelay);

        Assert.Equal(SaveState.Conflict, session.State);
        Assert.Equal("One\nTheirs", session.Conflict!.TheirText);
        Assert.Equal("ana@example.com", session.Conflict.TheirAuthor);
        Assert.Contains(session.ConflictDiff, line => line.Text.Contains("Mine", StringComparison.Ordinal));
        Assert.Equal([true], store.ConflictShown);

        Type("One\nMine, still typing");
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("One\nTheirs", store.Text); // nothing saved over theirs while the choice is open
        Assert.False(session.Publisher.CanPublish);

        await session.KeepMineAsync();

        Assert.Null(session.Conflict);
        Assert.Equal("One\nMine, still typing", store.Text);
        Assert.Equal(SaveState.Saved, session.State);
        Assert.Equal([true, false], store.ConflictShown);
    }

    [Fact]
    public async Task Taking_theirs_puts_their_text_in_the_editor_keeps_mine_to_copy_and_saves_on_from_their_revision()
    {
        store.SaveByOther("One\nTheirs", "ana@example.com");
        Type("One\nMine");
        clock.Advance(EditorSession.SaveDelay);

        await session.TakeTheirsAsync();

        Assert.Equal("One\nTheirs", session.Text);
        Assert.Equal("One\nMine", session.MineCopy);
        Assert.Equal(["One\nTheirs"], store.TextsSet);
        Assert.False(session.Dirty); // their text is the one saved
        Assert.Equal(store.Revision, session.Revision);

        Type("One\nTheirs\nAnd more");
        clock.Advance(EditorSession.SaveDelay);
        Assert.Equal("One\nTheirs\nAnd more", store.Text);
    }

    [Fact]
    public void Another_save_of_the_very_same_text_is_no_conflict()
    {
        store.SaveByOther("One\nSame", "me@example.com");
        Type("One\nSame");

        clock.Advance(EditorSession.SaveDelay);

        Assert.Null(session.Conflict);
        Assert.Equal(SaveState.Saved, session.State);
        Assert.Equal(store.Revision, session.Revision);
    }

    [Fact]
    public async Task Publishing_saves_what_is_typed_first_and_the_next_edit_starts_a_new_draft()
    {
        Type("One\nTwo");

        var result = await session.Publisher.PublishAsync();

        Assert.IsType<PublishResult.Published>(result);
        Assert.Equal(["One\nTwo"], store.Saves);
        Assert.Equal("One\nTwo", store.Published);
        Assert.Equal(SaveState.NoDraft, session.State);
        Assert.Equal(store.Revision, session.Revision);
        Assert.False(session.Publisher.Publishing);
    }

    [Fact]
    public async Task Publishing_after_someone_else_published_meets_a_conflict_and_publishes_nothing()
    {
        store.SaveByOther("One\nTheirs", "ana@example.com");

        var result = await session.Publisher.PublishAsync();

        Assert.IsType<PublishResult.Conflict>(result);
        Assert.Null(store.Published);
        Assert.Equal("One\nTheirs", session.Conflict!.TheirText);
        Assert.Equal(SaveState.Conflict, session.State);
    }

    [Fact]
    public async Task Leaving_with_unsaved_text_saves_it_but_not_over_an_open_conflict()
    {
        Type("One\nUnsaved");
        session.Dispose();
        await session.SaveOnLeavingAsync();
        Assert.Equal("One\nUnsaved", store.Text);

        var other = new FakeStore { Text = "One" };
        var draft = new DraftView(8, "course", "chapter", "Title", "en", null, ChapterStatus.Draft, "One", 0, false, null, null, "");
        using var second = new EditorSession(draft, other, clock, NullLogger.Instance);
        other.SaveByOther("One\nTheirs", "ana@example.com");
        second.Edit(0, 1, 0, -1, "One\nMine", true, 8);
        clock.Advance(EditorSession.SaveDelay);
        Assert.NotNull(second.Conflict);

        second.Dispose();
        await second.SaveOnLeavingAsync();
        Assert.Equal("One\nTheirs", other.Text);
    }

    [Fact]
    public void A_background_save_of_an_older_edit_leaves_the_newer_text_unsaved()
    {
        Type("One\nTwo");
        var backgroundVersion = session.Buffer.Version;
        Type("One\nTwo\nThree");

        Assert.True(session.SavedInBackground(3, backgroundVersion));

        Assert.Equal(3, session.Revision);
        Assert.Equal(SaveState.Dirty, session.State);
        Assert.False(session.SavedInBackground(2, session.Buffer.Version)); // an older revision changes nothing
    }

    /// <summary>A chapter's draft as the store keeps it, plus what the browser was told; timer work runs at once.</summary>
    private sealed class FakeStore : IEditorHost
    {
        public string Text { get; set; } = "";

        public int Revision { get; private set; }

        public string? Author { get; private set; }

        public string? Published { get; private set; }

        public bool FailNext { get; set; }

        public List<string> Saves { get; } = [];

        public List<(int Revision, long Version)> MarkedSaved { get; } = [];

        public List<bool> ConflictShown { get; } = [];

        public List<string> TextsSet { get; } = [];

        public int Parses { get; private set; }

        public void SaveByOther(string text, string author)
        {
            Text = text;
            Author = author;
            Revision++;
        }

        public Task<SaveResult> SaveDraftAsync(string text, int revision)
        {
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("The database did not answer.");
            }

            if (revision != Revision)
            {
                return Task.FromResult<SaveResult>(new SaveResult.Conflict(Text, Revision, Author, DateTimeOffset.UnixEpoch));
            }

            Saves.Add(text);
            SaveByOther(text, "me@example.com");
            return Task.FromResult<SaveResult>(new SaveResult.Saved(Revision, DateTimeOffset.UnixEpoch));
        }

        public Task<PublishResult> PublishAsync(int revision)
        {
            if (revision != Revision)
            {
                return Task.FromResult<PublishResult>(new PublishResult.Conflict(Text, Revision, Author, DateTimeOffset.UnixEpoch));
            }

            Published = Text;
            Revision++;
            return Task.FromResult<PublishResult>(new PublishResult.Published(1, 1, Revision));
        }

        public Task MarkSavedAsync(int revision, long version)
        {
            MarkedSaved.Add((revision, version));
            return Task.CompletedTask;
        }

        public Task SetConflictAsync(bool open)
        {
            ConflictShown.Add(open);
            return Task.CompletedTask;
        }

        public Task<long?> SetTextAsync(string text, int epoch)
        {
            TextsSet.Add(text);
            return Task.FromResult<long?>(100);
        }

        public Task ParseAsync()
        {
            Parses++;
            return Task.CompletedTask;
        }

        public void RunInBackground(string work, Func<Task> run) => run().GetAwaiter().GetResult();

        public void StateChanged()
        {
        }
    }
}
