using Course.Core.Authoring;
using Course.Core.Scripts;

namespace Course.Core.Tests.Authoring;

public class KeyedSlidesTests
{
    private static Func<string> Counter(params string[] keys)
    {
        var queue = new Queue<string>(keys);
        return queue.Dequeue;
    }

    [Fact]
    public void A_first_draft_gives_every_slide_a_new_key()
    {
        var keyed = KeyedSlides.Follow([], ["a", "b"], Counter("k1", "k2"));

        Assert.Equal([new KeyedSlide("k1", "a"), new KeyedSlide("k2", "b")], keyed);
    }

    [Fact]
    public void Keys_follow_slides_through_a_chain_of_saves()
    {
        var first = KeyedSlides.Follow([], ["intro", "tokens", "end"], Counter("k1", "k2", "k3"));
        // insert a slide, then edit the tokens slide in place, then move the intro to the end
        var second = KeyedSlides.Follow(first, ["intro", "new", "tokens", "end"], Counter("k4"));
        var third = KeyedSlides.Follow(second, ["intro", "new", "tokens, edited", "end"], Counter());
        var fourth = KeyedSlides.Follow(third, ["new", "tokens, edited", "end", "intro"], Counter());

        Assert.Equal(["k4", "k2", "k3", "k1"], fourth.Select(s => s.Key));
        Assert.Equal(["new", "tokens, edited", "end", "intro"], fourth.Select(s => s.Text));
    }

    [Fact]
    public void A_new_key_never_reuses_one_the_chapter_had()
    {
        var keyed = KeyedSlides.Follow([new KeyedSlide("k1", "a")], ["a", "b"], Counter("k1", "k1", "k2"));

        Assert.Equal(["k1", "k2"], keyed.Select(s => s.Key));
    }

    [Fact]
    public void Slides_are_compared_without_the_chapter_metadata()
    {
        var withTitle = ScriptParser.Parse("---\ntitle: Tokens\n---\n\nUno <break time=\"1s\"/>\n\nDos\n").Script!;
        var without = ScriptParser.Parse("Uno <break time=\"1s\"/>\n\nDos\n").Script!;

        Assert.Equal(KeyedSlides.TextsOf(without), KeyedSlides.TextsOf(withTitle));
        Assert.Equal(2, KeyedSlides.TextsOf(without).Count);
    }
}
