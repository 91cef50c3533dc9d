using System.Net;
using System.Text.RegularExpressions;
using Course.Web.Accounts;
using Course.Web.Accounts.Email;
using Course.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Course.Web.Data;

namespace Course.Web.Tests.Api;

/// <summary>Password reset e-mail end to end: through a real SMTP server, without one, and with a broken one.</summary>
public sealed partial class PasswordResetEmailTests
{
    private const string Sent = "If an account uses that address, a link to reset its password is on its way.";
    private const string AskInstructor = "This site cannot send e-mail, so it cannot send you a link to reset your password. Ask an instructor to help you get back into your account.";
    private const string AskInstructorEs = "Este sitio no puede enviar correos, así que no puede enviarte un enlace para restablecer la contraseña. Pide a un instructor que te ayude a recuperar el acceso a tu cuenta.";

    [Fact]
    public async Task The_reset_email_arrives_over_smtp_and_its_link_sets_a_new_password_once()
    {
        await using var smtp = new TestSmtpServer();
        var logs = new LogCapture();
        var settings = smtp.AppSettings();
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace"; // the web stack at its most talkative
        using var app = CourseAppFactory.With(settings, configure: host => host.ConfigureLogging(logging => logging.ClearProviders().AddProvider(logs)));
        await SignedInClient.CreateUserAsync(app, "ana@example.com");

        using var answer = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/forgot-password", new() { ["Input.Email"] = "ana@example.com" });
        Assert.Contains(Sent, await answer.Content.ReadAsStringAsync());

        var mail = await smtp.NextMessageAsync();
        Assert.Equal("ana@example.com", Assert.Single(mail.To.Mailboxes).Address);
        var from = Assert.Single(mail.From.Mailboxes);
        Assert.Equal(("Course", "no-reply@course.test"), (from.Name, from.Address));
        Assert.Equal("Reset your Course password", mail.Subject);
        Assert.Null(mail.HtmlBody);
        var link = new Uri(Link().Match(mail.TextBody ?? "").Value);
        Assert.Equal((app.BaseAddress.Authority, "/account/reset-password"), (link.Authority, link.AbsolutePath));

        using var reset = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), link.PathAndQuery,
            new() { ["Input.Password"] = "otra-clave-larga", ["Input.ConfirmPassword"] = "otra-clave-larga" });
        Assert.Contains("Your password has been changed.", await reset.Content.ReadAsStringAsync());
        await SignedInClient.SignInAsync(app, "ana@example.com", "otra-clave-larga");

        using var again = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), link.PathAndQuery,
            new() { ["Input.Password"] = "tercera-clave-larga", ["Input.ConfirmPassword"] = "tercera-clave-larga" });
        Assert.Contains("This link is not valid any more: ask for a new one.", await again.Content.ReadAsStringAsync());
        await SignedInClient.SignInAsync(app, "ana@example.com", "otra-clave-larga"); // the used link changed nothing

        // The whole way, e-mail, opening the link, resetting twice, the token was in no log.
        var code = QueryHelpers.ParseQuery(link.Query)["code"].ToString();
        Assert.True(code.Length > 20, code);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Trace);
        Assert.DoesNotContain(code, logs.AllText);
        Assert.DoesNotContain(Uri.EscapeDataString(code), logs.AllText);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_answer_and_no_email()
    {
        await using var smtp = new TestSmtpServer();
        using var app = CourseAppFactory.With(smtp.AppSettings());
        await SignedInClient.CreateUserAsync(app, "ana@example.com");

        using var unknown = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/forgot-password", new() { ["Input.Email"] = "nadie@example.com" });
        using var known = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/forgot-password", new() { ["Input.Email"] = "ana@example.com" });

        Assert.Equal(Status(await known.Content.ReadAsStringAsync()), Status(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(Sent, Status(await unknown.Content.ReadAsStringAsync()));
        // Mail goes out in the order it was asked for: had the unknown address been mailed, that would come first.
        Assert.Equal("ana@example.com", Assert.Single((await smtp.NextMessageAsync()).To.Mailboxes).Address);
        Assert.False(smtp.TryTakeMessage(out _));
    }

    [Fact]
    public async Task The_email_is_written_in_the_language_the_person_asked_in()
    {
        await using var smtp = new TestSmtpServer();
        using var app = CourseAppFactory.With(smtp.AppSettings());
        await SignedInClient.CreateUserAsync(app, "ana@example.com");
        var client = SignedInClient.Anonymous(app);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");

        using var answer = await SignedInClient.PostFormAsync(client, "/account/forgot-password", new() { ["Input.Email"] = "ana@example.com" });

        Assert.Contains("le llegará un enlace para restablecer la contraseña", WebUtility.HtmlDecode(await answer.Content.ReadAsStringAsync()));
        var mail = await smtp.NextMessageAsync();
        Assert.Equal("Restablece tu contraseña de Course", mail.Subject);
        Assert.Contains("Elige una contraseña nueva en este enlace (sirve una sola vez):", mail.TextBody);
        Assert.Matches(Link(), mail.TextBody);
    }

    [Fact]
    public async Task An_unreachable_mail_server_gets_the_same_answer_and_a_logged_failure_without_the_link()
    {
        var logs = new LogCapture();
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = TestSmtpServer.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:Smtp:From"] = "no-reply@course.test",
        };
        using var app = CourseAppFactory.With(settings, configure: host => host.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(logs)));
        await SignedInClient.CreateUserAsync(app, "ana@example.com");

        using var answer = await SignedInClient.PostFormAsync(SignedInClient.Anonymous(app), "/account/forgot-password", new() { ["Input.Email"] = "ana@example.com" });

        Assert.Equal(Sent, Status(await answer.Content.ReadAsStringAsync()));
        var failure = await WaitForAsync(() => logs.Entries.FirstOrDefault(e => e.Level == LogLevel.Error && e.Message.StartsWith("Could not send", StringComparison.Ordinal)));
        Assert.StartsWith($"Could not send a password reset link e-mail to ana@example.com through 127.0.0.1:{settings["Email:Smtp:Port"]}: ", failure.Message);
        Assert.DoesNotContain("reset-password", logs.AllText);
        Assert.DoesNotContain("code=", logs.AllText);
    }

    [Fact]
    public async Task Production_without_smtp_says_to_ask_an_instructor_warns_once_and_logs_no_token()
    {
        var logs = new LogCapture();
        using var app = CourseAppFactory.With(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            // An operator turning the web stack's logs up to the most detailed level still gets no token.
            ["Logging:LogLevel:Default"] = "Debug",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Trace",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning", // its query plans at Debug are slow and hold no token
        }, configure: host => host.ConfigureLogging(logging => logging.ClearProviders().AddProvider(logs)));
        await SignedInClient.CreateUserAsync(app, "ana@example.com");

        var english = await SignedInClient.Anonymous(app).GetStringAsync("/account/forgot-password");
        var spanishClient = SignedInClient.Anonymous(app);
        spanishClient.DefaultRequestHeaders.AcceptLanguage.ParseAdd("es");
        var spanish = WebUtility.HtmlDecode(await spanishClient.GetStringAsync("/account/forgot-password"));
        Assert.Contains(AskInstructor, english);
        Assert.Contains(AskInstructorEs, spanish);
        Assert.DoesNotContain("Send the link", english);
        Assert.DoesNotContain(Sent, english);

        // A reset link opened anyway (e.g. an old e-mail), and any code asking the sender to mail one.
        using var opened = await SignedInClient.Anonymous(app).GetAsync("/account/reset-password?email=ana%40example.com&code=TOKEN-IN-URL-5b1e");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var ana = (await users.FindByEmailAsync("ana@example.com"))!;
            var token = await users.GeneratePasswordResetTokenAsync(ana);
            var sender = scope.ServiceProvider.GetRequiredService<IEmailSender<AppUser>>();
            await sender.SendPasswordResetLinkAsync(ana, ana.Email!, $"{app.BaseAddress}account/reset-password?code={Uri.EscapeDataString(token)}");
            await sender.SendPasswordResetCodeAsync(ana, ana.Email!, token);
            Assert.DoesNotContain(token, logs.AllText);
        }

        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Trace && e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)); // detailed logs did reach the capture
        Assert.DoesNotContain("TOKEN-IN-URL-5b1e", logs.AllText);
        Assert.DoesNotContain("code=", logs.AllText);
        var warnings = logs.Entries.Where(e => e.Level == LogLevel.Warning && e.Message.StartsWith("E-mail is not configured", StringComparison.Ordinal)).ToList();
        Assert.Contains("Set Email__Smtp__Host", Assert.Single(warnings).Message);
    }

    [Theory]
    [InlineData("Port", "70000", "Email:Smtp:Port (Email__Smtp__Port) must be between 1 and 65535; it is 70000.")]
    [InlineData("Port", "twenty-five", "Email:Smtp:Port (Email__Smtp__Port) must be a whole number between 1 and 65535; it is 'twenty-five'.")]
    [InlineData("From", "the course", "Email:Smtp:From (Email__Smtp__From) is not an e-mail address: 'the course'.")]
    [InlineData("From", "", "Email:Smtp:From (Email__Smtp__From) is required with Email:Smtp:Host")]
    [InlineData("Security", "Tls", "Email:Smtp:Security (Email__Smtp__Security) must be one of Auto, None, StartTls, SslOnConnect; it is 'Tls'.")]
    [InlineData("Password", "", "Email:Smtp:Username and Email:Smtp:Password (Email__Smtp__Username, Email__Smtp__Password) go together")]
    public void The_app_does_not_start_with_smtp_settings_it_cannot_use_and_names_the_setting(string key, string value, string message)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1", ["Email:Smtp:From"] = "no-reply@course.test", ["Email:Smtp:Username"] = "mailer", ["Email:Smtp:Password"] = "secret",
            [$"Email:Smtp:{key}"] = value,
        };

        var error = Record.Exception(() => CourseAppFactory.With(settings).Dispose());

        Assert.NotNull(error);
        Assert.Contains(message, error.ToString());
    }

    [Fact]
    public void In_production_an_smtp_host_is_used_and_empty_optional_settings_take_their_defaults_as_compose_passes_them()
    {
        using var app = CourseAppFactory.With(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Email:Smtp:Host"] = "smtp.example.com", ["Email:Smtp:From"] = "no-reply@course.test",
            ["Email:Smtp:Port"] = "", ["Email:Smtp:Security"] = "", ["Email:Smtp:Username"] = "", ["Email:Smtp:Password"] = "",
        });

        var options = app.Services.GetRequiredService<IOptions<SmtpOptions>>().Value;

        Assert.Equal((SmtpSecurity.Auto, 587), (options.Security, options.EffectivePort));
        Assert.IsType<SmtpEmailSender>(app.Services.GetRequiredService<IEmailSender<AppUser>>());
        Assert.True(app.Services.GetRequiredService<EmailDelivery>().CanSend);
        Assert.DoesNotContain(app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is EmailNotConfiguredWarning);
    }

    private static string Status(string html) => WebUtility.HtmlDecode(StatusParagraph().Match(html).Groups[1].Value);

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var waited = TimeSpan.Zero; waited < TimeSpan.FromSeconds(10); waited += TimeSpan.FromMilliseconds(50))
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("Waited 10 seconds for a log entry that never came.");
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [GeneratedRegex("""<p class="form-ok" role="status">([^<]*)</p>""")]
    private static partial Regex StatusParagraph();
}
