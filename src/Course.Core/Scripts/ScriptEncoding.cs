using System.Text;

namespace Course.Core.Scripts;

/// <summary>Checks that a script file's bytes are UTF-8 text, and says where they are not.</summary>
internal static class ScriptEncoding
{
    /// <summary>The error for bytes that are not UTF-8 text (UTF-16, an invalid sequence, a NUL); null when they are.</summary>
    internal static ScriptError? Check(ReadOnlySpan<byte> utf8) =>
        utf8.Length >= 2 && ((utf8[0] == 0xFF && utf8[1] == 0xFE) || (utf8[0] == 0xFE && utf8[1] == 0xFF))
            ? ScriptError.Of(1, 1, ScriptErrorCode.Utf16, "the file is UTF-16 text; save it as UTF-8")
            : FindInvalid(utf8);

    private static ScriptError? FindInvalid(ReadOnlySpan<byte> bytes)
    {
        var line = 1;
        var column = 1;
        var i = 0;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            i = 3;
        }

        while (i < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[i..], out var rune, out var consumed);
            if (status != System.Buffers.OperationStatus.Done)
            {
                var at = $"0x{bytes[i]:X2}";
                return ScriptError.Of(line, column, ScriptErrorCode.NotUtf8,
                    $"the file is not UTF-8 text (byte {at} cannot start a character here); save it as UTF-8", at);
            }

            if (rune.Value == 0)
            {
                return ScriptError.Of(line, column, ScriptErrorCode.NulByte, "the file contains a NUL byte: it is not a text file");
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            i += consumed;
        }

        return null;
    }
}
