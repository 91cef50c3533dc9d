using Microsoft.AspNetCore.Identity;
using Course.Web.Data;

namespace Course.Web.Accounts.Email;

/// <summary>
/// Writes account e-mails, links and all, to the log instead of sending them: registered only in Development
/// without an SMTP server (see <see cref="EmailSetup"/>), where the log is the developer's own console.
/// </summary>
public sealed class LoggingEmailSender(ILogger<LoggingEmailSender> logger) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink)
    {
        logger.LogInformation("E-mail to {Email}: confirm your account at {Link}", email, confirmationLink);
        return Task.CompletedTask;
    }

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink)
    {
        logger.LogInformation("E-mail to {Email}: reset your password at {Link}", email, resetLink);
        return Task.CompletedTask;
    }

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode)
    {
        logger.LogInformation("E-mail to {Email}: your password reset code is {Code}", email, resetCode);
        return Task.CompletedTask;
    }
}
