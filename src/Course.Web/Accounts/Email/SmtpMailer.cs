using System.Threading.Channels;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Course.Web.Accounts.Email;

/// <summary>
/// Sends queued account e-mails over SMTP (MailKit), one connection per batch. A message that cannot be sent is
/// logged by kind and recipient, never with its link or code, and dropped: the person can ask again.
/// </summary>
public sealed class SmtpMailer(IOptions<SmtpOptions> options, ILogger<SmtpMailer> logger) : BackgroundService
{
    // Bounded so that a flood of reset requests cannot grow memory without limit (the rate limiter comes first).
    private readonly Channel<AccountEmail> queue = Channel.CreateBounded<AccountEmail>(
        new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public Task QueueAsync(AccountEmail email)
    {
        if (!queue.Writer.TryWrite(email))
        {
            logger.LogError("A {Kind} e-mail to {To} was dropped: too many e-mails are waiting to be sent", email.Kind, email.To);
        }

        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await SendWaitingAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is still queued is not sent.
        }
    }

    private async Task SendWaitingAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        using var client = new SmtpClient { Timeout = 30_000 };
        try
        {
            await client.ConnectAsync(settings.Host!, settings.EffectivePort, ToMailKit(settings.Security), stoppingToken);
            if (!string.IsNullOrEmpty(settings.Username))
            {
                await client.AuthenticateAsync(settings.Username, settings.Password ?? "", stoppingToken);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            while (queue.Reader.TryRead(out var email))
            {
                LogNotSent(email, settings, e);
            }

            return;
        }

        while (queue.Reader.TryRead(out var email))
        {
            try
            {
                await client.SendAsync(ToMime(email, settings), stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogNotSent(email, settings, e);
                if (!client.IsConnected)
                {
                    return; // the rest waits for the next batch's connection
                }
            }
        }

        await client.DisconnectAsync(quit: true, stoppingToken);
    }

    private void LogNotSent(AccountEmail email, SmtpOptions settings, Exception e) =>
        logger.LogError("Could not send a {Kind} e-mail to {To} through {Host}:{Port}: {Error}",
            email.Kind, email.To, settings.Host, settings.EffectivePort, e.Message);

    private static MimeMessage ToMime(AccountEmail email, SmtpOptions settings)
    {
        var message = new MimeMessage { Subject = email.Subject, Body = new TextPart("plain") { Text = email.Body } };
        message.From.Add(MailboxAddress.Parse(settings.From!));
        message.To.Add(MailboxAddress.Parse(email.To));
        return message;
    }

    private static SecureSocketOptions ToMailKit(SmtpSecurity security) => security switch
    {
        SmtpSecurity.None => SecureSocketOptions.None,
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
