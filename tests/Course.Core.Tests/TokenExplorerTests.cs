using Course.Core.Tokens;

namespace Course.Core.Tests;

public class TokenExplorerTests
{
    private static readonly TokenExplorer Explorer = new();

    [Theory]
    [InlineData("gpt-4", "I can't wait to build AI applications", 8)]
    [InlineData("gpt-4", "I can't wait to build AI applications.", 9)]
    [InlineData("gpt-4o", "I can't wait to build AI applications", 7)]
    [InlineData("gpt-4o", "I can't wait to build AI applications.", 8)]
    public void The_lessons_example_sentence_splits_as_the_real_encodings_do(string model, string text, int tokens)
    {
        Assert.Equal(tokens, Explorer.Tokenize(model, text).Count);
    }

    [Fact]
    public void Tokens_carry_their_ids_and_cover_the_text()
    {
        var result = Explorer.Tokenize("gpt-4", "I can't wait to build AI applications");

        Assert.Equal(["I", " can", "'t", " wait", " to", " build", " AI", " applications"], result.Tokens.Select(t => t.Text));
        Assert.All(result.Tokens, t => Assert.True(t.Id >= 0));
        Assert.Equal(7, result.Words);
        Assert.Equal(7 / 8.0, result.WordsPerToken, 6);
    }

    [Theory]
    [InlineData("gpt-4", 100_277)]
    [InlineData("gpt-4o", 200_019)]
    [InlineData("gpt2", 50_257)]
    public void Vocabulary_sizes_come_from_the_encodings(string model, int size)
    {
        Assert.Equal(size, Explorer.Tokenize(model, "hola").VocabularySize);
    }

    [Fact]
    public void Too_long_text_and_unknown_models_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Explorer.Tokenize("gpt-4", new string('a', TokenExplorer.MaxCharacters + 1)));
        Assert.Throws<ArgumentException>(() => Explorer.Tokenize("gpt-5", "hola"));
    }
}
