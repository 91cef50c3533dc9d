using Microsoft.AspNetCore.Identity;
using Course.Web.Data;

namespace Course.Web.Accounts.Email;

/// <summary>
/// The sender outside Development when no SMTP server is configured: it sends nothing and says so without the
/// link or code, since logs travel (through OpenTelemetry) to places a reset link must never reach.
/// The pages check <see cref="EmailDelivery"/> first and do not ask it to send.
/// </summary>
public sealed class NoEmailSender(ILogger<NoEmailSender> logger) : IEmailSender<AppUser>
{
    public Task SendConfirmationLinkAsync(AppUser user, string email, string confirmationLink) => NotSent("confirmation link");

    public Task SendPasswordResetLinkAsync(AppUser user, string email, string resetLink) => NotSent("password reset link");

    public Task SendPasswordResetCodeAsync(AppUser user, string email, string resetCode) => NotSent("password reset code");

    private Task NotSent(string kind)
    {
        logger.LogInformation("A {Kind} e-mail was not sent: e-mail is not configured (set Email__Smtp__Host)", kind);
        return Task.CompletedTask;
    }
}

/// <summary>Whether this app can send account e-mails at all (pages offer a reset link only when it can).</summary>
public sealed record EmailDelivery(bool CanSend);

/// <summary>Says once, as the app starts, that password resets cannot work; operator commands never start it.</summary>
public sealed class EmailNotConfiguredWarning(ILogger<EmailNotConfiguredWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        logger.LogWarning("E-mail is not configured: password reset links cannot be sent, and Forgot password tells people to ask an instructor. "
            + "Set Email__Smtp__Host, Email__Smtp__From (and Email__Smtp__Port, Email__Smtp__Username, Email__Smtp__Password, Email__Smtp__Security as needed); see docs/deployment.md");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
