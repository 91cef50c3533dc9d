using Microsoft.Extensions.Localization;

namespace Course.Web.Accounts.Email;

/// <summary>An account e-mail ready to send: plain text only, so nothing in it is ever interpreted as markup.</summary>
public sealed record AccountEmail(string Kind, string To, string Subject, string Body);

/// <summary>
/// Writes the account e-mails in the current UI language, which during a request is the language the person
/// asked in (their culture cookie or their browser's Accept-Language).
/// </summary>
public sealed class AccountEmails(IStringLocalizer<SharedResource> localizer)
{
    public AccountEmail PasswordResetLink(string to, string link) =>
        Compose("password reset link", to, "EmailResetSubject", "EmailResetBody", link);

    public AccountEmail PasswordResetCode(string to, string code) =>
        Compose("password reset code", to, "EmailResetCodeSubject", "EmailResetCodeBody", code);

    public AccountEmail ConfirmationLink(string to, string link) =>
        Compose("confirmation link", to, "EmailConfirmSubject", "EmailConfirmBody", link);

    private AccountEmail Compose(string kind, string to, string subject, string body, string secret)
    {
        var app = localizer["AppName"].Value;
        return new AccountEmail(kind, to, localizer[subject, app].Value, localizer[body, app, secret].Value.ReplaceLineEndings("\n"));
    }
}
