using System.Security.Cryptography;
using System.Text;

namespace Course.Core.Quizzes;

/// <summary>
/// The secret of one attempt. The ids the learner's browser sees for options, items, prompts and targets,
/// and the order they are shown in, are derived from it with HMAC-SHA256, so nothing the page holds
/// correlates with the authoring ids (which follow authoring order, and so often the answer). The key never
/// reaches the browser in the clear: the quiz page carries it in its persisted component state, which the
/// framework encrypts with the app's data-protection keys.
/// </summary>
public sealed class AttemptKey
{
    private const int Bytes = 16;
    private readonly byte[] secret;

    private AttemptKey(byte[] secret) => this.secret = secret;

    /// <summary>A new random key (128 bits).</summary>
    public static AttemptKey New() => new(RandomNumberGenerator.GetBytes(Bytes));

    /// <summary>A key read back from <see cref="ToString"/>; any other text gives a new key rather than failing.</summary>
    public static AttemptKey Parse(string? text)
    {
        if (text is { Length: > 0 })
        {
            try
            {
                var bytes = Convert.FromBase64String(text);
                if (bytes.Length == Bytes)
                {
                    return new AttemptKey(bytes);
                }
            }
            catch (FormatException)
            {
            }
        }

        return New();
    }

    /// <summary>A key fixed by a text, for tests and examples that need the same attempt twice.</summary>
    public static AttemptKey FromText(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text))[..Bytes]);

    /// <summary>The id the browser sees for <paramref name="authoringId"/> of one part of one question.</summary>
    public string ShownId(string questionId, string part, string authoringId)
    {
        var hash = Hash($"id\n{questionId}\n{part}\n{authoringId}");
        // A letter first keeps it a valid HTML id and CSS selector; 60 bits leave no collision to fear in a question.
        return "o" + Convert.ToHexStringLower(hash, 0, 8)[..15];
    }

    /// <summary>The random source that orders one part of one question in this attempt.</summary>
    public Random Order(string questionId, string part) => new(BitConverter.ToInt32(Hash($"order\n{questionId}\n{part}"), 0));

    public override string ToString() => Convert.ToBase64String(secret);

    private byte[] Hash(string text) => HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text));
}
