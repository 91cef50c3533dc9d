using Course.Web.Accounts;
using Microsoft.AspNetCore.Components.Authorization;

namespace Course.Web.Studio;

/// <summary>
/// The role check the studio's interactive parts make themselves, in the circuit, on its own user. A page's
/// [Authorize] is checked when the page is requested; a circuit started with someone else's cookie can replay
/// that page's component markers, and nothing in the circuit re-checks the page's attribute.
/// </summary>
public static class StudioAccess
{
    public static async Task<bool> IsInstructorAsync(Task<AuthenticationState>? authentication) =>
        authentication is not null && (await authentication).User.IsInRole(Roles.Instructor);
}
