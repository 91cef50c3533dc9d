using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Course.Web.Accounts;

/// <summary>
/// The one check for an address a page sends the browser back to (after signing in or out, switching
/// language, finishing a quiz): no open redirects.
/// </summary>
public static class ReturnUrls
{
    private const int MaxDecodings = 3;

    /// <summary>
    /// A path on this site: the framework's rule (<see cref="RedirectHttpResult.IsLocalUrl"/>: "/" or "/path",
    /// never "//host" or "/\host", no control characters), and only the "/" form (not "~/", which a browser
    /// would read relative to the page). The rule holds for each percent-decoded form too (up to three
    /// decodings; deeper nesting is refused), so "/%2F%2Fevil" or "/%5Cevil" is refused even though the
    /// browser itself would keep it on this site: a proxy or a second redirect that decodes it would not.
    /// </summary>
    public static bool IsLocal([NotNullWhen(true)] string? url)
    {
        var current = url;
        for (var decoded = 0; current is { Length: > 0 } && current[0] == '/' && RedirectHttpResult.IsLocalUrl(current); decoded++)
        {
            var next = Uri.UnescapeDataString(current);
            if (next == current)
            {
                return true;
            }

            if (decoded == MaxDecodings)
            {
                return false;
            }

            current = next;
        }

        return false;
    }

    /// <summary>The address if it is local, else the fallback.</summary>
    public static string LocalOr(string? url, string fallback) => IsLocal(url) ? url : fallback;
}
