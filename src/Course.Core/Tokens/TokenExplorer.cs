using Course.Core.Quizzes;
using Course.Core.Timing;
using Microsoft.ML.Tokenizers;

namespace Course.Core.Tokens;

/// <summary>A GPT encoding the explorer offers.</summary>
public sealed record TokenEncoding(string Model, string Name, string Label);

/// <summary>One token: its id and the piece of the text it covers.</summary>
public sealed record TokenPiece(int Id, string Text);

/// <summary>A text split by one encoding, with the figures the lesson talks about.</summary>
public sealed record Tokenization(TokenEncoding Encoding, IReadOnlyList<TokenPiece> Tokens, int VocabularySize, int Words)
{
    public int Count => Tokens.Count;

    /// <summary>Words per token for this text (the rule of thumb says about 0.75).</summary>
    public double WordsPerToken => Count == 0 ? 0 : (double)Words / Count;
}

/// <summary>
/// The real GPT tokenizers (Microsoft.ML.Tokenizers with its data packages, offline), each loaded once on
/// first use and shared: they are thread-safe and take ~150 ms and some megabytes to load.
/// </summary>
public sealed class TokenExplorer : ITokenCounter
{
    /// <summary>Longer text is refused: the explorer is for sentences and paragraphs, not books.</summary>
    public const int MaxCharacters = 4000;

    public static readonly IReadOnlyList<TokenEncoding> Encodings =
    [
        new("gpt-4", "cl100k_base", "GPT-4"),
        new("gpt-4o", "o200k_base", "GPT-4o"),
        new("gpt2", "r50k_base", "GPT-2"),
    ];

    private readonly Dictionary<string, Lazy<TiktokenTokenizer>> tokenizers = Encodings.ToDictionary(
        e => e.Model,
        e => new Lazy<TiktokenTokenizer>(() => TiktokenTokenizer.CreateForEncoding(e.Name)),
        StringComparer.OrdinalIgnoreCase);

    public Tokenization Tokenize(string model, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxCharacters)
        {
            throw new ArgumentException($"The text is {text.Length} characters long; the explorer takes at most {MaxCharacters}.", nameof(text));
        }

        var encoding = Encodings.FirstOrDefault(e => string.Equals(e.Model, model, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown model '{model}'. Known: {string.Join(", ", Encodings.Select(e => e.Model))}.", nameof(model));
        var tokenizer = tokenizers[encoding.Model].Value;
        var tokens = tokenizer.EncodeToTokens(text, out _);
        var pieces = tokens.Select(t => new TokenPiece(t.Id, Slice(text, t.Offset, t.Value))).ToList();
        return new Tokenization(encoding, pieces, VocabularySize(tokenizer), ReadingPace.CountWords(text));
    }

    public int CountTokens(string model, string text) => Tokenize(model, text).Count;

    // tiktoken's n_vocab: the highest token id plus one. In every GPT encoding the highest id is a special
    // token (<|endoftext|>, <|endofprompt|>), placed after all the ordinary ones.
    private static int VocabularySize(TiktokenTokenizer tokenizer) =>
        (tokenizer.SpecialTokens?.Values.Max() ?? -1) + 1;

    // A token that ends inside a multi-byte character has no clean slice of the text; show its own value then.
    private static string Slice(string text, Range range, string value)
    {
        var (offset, length) = range.GetOffsetAndLength(text.Length);
        return length > 0 ? text.Substring(offset, length) : value;
    }
}
