using System.Net.Mail;

namespace Course.Web.Components.Pages.Account;

/// <summary>What the account forms post. Checked by hand so every message speaks the interface's language.</summary>
public sealed class AccountForm
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public string CurrentPassword { get; set; } = "";
    public string Code { get; set; } = "";
    public bool Remember { get; set; }

    public static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value.Trim(), out var address) && address.Address == value.Trim();

    /// <summary>Only addresses on this site may be returned to after signing in.</summary>
    public static string SafeReturn(string? url) => Accounts.ReturnUrls.LocalOr(url, "/me");
}
