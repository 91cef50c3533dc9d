using Microsoft.AspNetCore.Identity;
using Course.Web.Data;

namespace Course.Web.Accounts.Email;

/// <summary>
/// Account e-mails through the configured SMTP server. The message is written here, in the request's language,
/// and handed to <see cref="SmtpMailer"/>, which sends it in the background: the page answers at once and the
/// same way whether or not an account exists, and a slow or failing server never shows in the answer.
/// </summary>
public sealed class SmtpEmailSender(AccountEmails emails, SmtpMailer mailer) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) =>
        mailer.QueueAsync(emails.ConfirmationLink(email, confirmationLink));

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) =>
        mailer.QueueAsync(emails.PasswordResetLink(email, resetLink));

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) =>
        mailer.QueueAsync(emails.PasswordResetCode(email, resetCode));
}
