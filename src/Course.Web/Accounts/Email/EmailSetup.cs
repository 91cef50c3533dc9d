using Microsoft.AspNetCore.Identity;
using Course.Web.Data;

namespace Course.Web.Accounts.Email;

public static class EmailSetup
{
    /// <summary>
    /// SMTP when <c>Email:Smtp:Host</c> is set, in any environment; otherwise the log in Development (links
    /// included: a developer's own machine), and elsewhere no e-mail at all, said once at start-up.
    /// </summary>
    public static IServiceCollection AddAccountEmail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        // Requests arrive with the reset token in the query string (the link in the e-mail); the host's
        // "Request starting/finished" lines would write it to every log sink, OpenTelemetry's included, so that
        // category never logs below Warning, whatever Logging:LogLevel says. Traces redact query values already.
        services.AddLogging(logging => logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));

        services.AddSingleton<AccountEmails>();
        if (SmtpOptions.IsConfiguredIn(configuration))
        {
            SmtpOptions.ThrowIfUnreadable(configuration);
            services.AddOptions<SmtpOptions>().Configure(options => options.ReadFrom(configuration)).ValidateOnStart();
            services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
            services.AddSingleton<SmtpMailer>();
            services.AddHostedService(sp => sp.GetRequiredService<SmtpMailer>());
            services.AddSingleton<IEmailSender<AppUser>, SmtpEmailSender>();
            services.AddSingleton(new EmailDelivery(CanSend: true));
        }
        else if (environment.IsDevelopment())
        {
            services.AddSingleton<IEmailSender<AppUser>, LoggingEmailSender>();
            services.AddSingleton(new EmailDelivery(CanSend: true));
        }
        else
        {
            services.AddSingleton<IEmailSender<AppUser>, NoEmailSender>();
            services.AddSingleton(new EmailDelivery(CanSend: false));
            services.AddHostedService<EmailNotConfiguredWarning>();
        }

        return services;
    }
}
