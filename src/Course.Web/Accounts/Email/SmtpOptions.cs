using Microsoft.Extensions.Options;
using MimeKit;

namespace Course.Web.Accounts.Email;

/// <summary>How the connection to the SMTP server is protected.</summary>
public enum SmtpSecurity
{
    /// <summary>TLS on connect for port 465, STARTTLS whenever the server offers it otherwise.</summary>
    Auto,

    /// <summary>Plain text: only for a mail catcher on the same machine or network.</summary>
    None,

    /// <summary>STARTTLS, required: refuses a server that does not offer it.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// The SMTP server account e-mails go through, from <c>Email:Smtp</c> (<c>Email__Smtp__Host</c> and so on in the
/// environment). Without a host the app sends no e-mail at all.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Email:Smtp";

    public string? Host { get; set; }

    /// <summary>Null picks the usual port for <see cref="Security"/>: 465 for SSL on connect, 25 for none, 587 otherwise.</summary>
    public int? Port { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>Course &lt;no-reply@example.com&gt;</c>.</summary>
    public string? From { get; set; }

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public int EffectivePort => Port ?? Security switch
    {
        SmtpSecurity.SslOnConnect => 465,
        SmtpSecurity.None => 25,
        _ => 587,
    };

    public static bool IsConfiguredIn(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[Section + ":Host"]);

    /// <summary>
    /// Reads the section by hand rather than with the configuration binder, which turns an empty value (as Compose
    /// passes an unset variable) into an error for a number or an enum; here empty means the default.
    /// Call <see cref="ThrowIfUnreadable"/> first.
    /// </summary>
    public void ReadFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        Host = Trimmed(section["Host"]);
        Port = Trimmed(section["Port"]) is { } port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : null;
        Username = Trimmed(section["Username"]);
        Password = section["Password"] is { Length: > 0 } password ? password : null; // a password may well start or end with a space
        From = Trimmed(section["From"]);
        Security = Trimmed(section["Security"]) is { } security ? Enum.Parse<SmtpSecurity>(security, ignoreCase: true) : SmtpSecurity.Auto;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>
    /// Settings that cannot be read at all (a port that is not a number, an unknown security mode): checked as
    /// the app is set up, so the error says which setting and what it may be.
    /// </summary>
    public static void ThrowIfUnreadable(IConfiguration configuration)
    {
        var failures = new List<string>();
        var port = configuration[Section + ":Port"];
        if (!string.IsNullOrWhiteSpace(port) && !int.TryParse(port, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            failures.Add($"Email:Smtp:Port (Email__Smtp__Port) must be a whole number between 1 and 65535; it is '{port}'.");
        }

        var security = configuration[Section + ":Security"];
        if (!string.IsNullOrWhiteSpace(security) && !(Enum.TryParse<SmtpSecurity>(security, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(security.Trim()[0])))
        {
            failures.Add($"Email:Smtp:Security (Email__Smtp__Security) must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}; it is '{security}'.");
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(SmtpOptions), failures);
        }
    }
}

/// <summary>Checks the SMTP settings at start-up, so a typo stops the app with the setting named instead of losing mail later.</summary>
public sealed class SmtpOptionsValidator : IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, SmtpOptions options)
    {
        if (!options.IsConfigured)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            failures.Add($"Email:Smtp:Port (Email__Smtp__Port) must be between 1 and 65535; it is {options.Port}.");
        }

        if (string.IsNullOrWhiteSpace(options.From))
        {
            failures.Add("Email:Smtp:From (Email__Smtp__From) is required with Email:Smtp:Host: the address account e-mails come from, e.g. no-reply@example.com.");
        }
        else if (!MailboxAddress.TryParse(options.From, out var from) || !IsAddress(from.Address))
        {
            failures.Add($"Email:Smtp:From (Email__Smtp__From) is not an e-mail address: '{options.From}'. Write no-reply@example.com or Course <no-reply@example.com>.");
        }

        if (!Enum.IsDefined(options.Security))
        {
            failures.Add($"Email:Smtp:Security (Email__Smtp__Security) must be one of {string.Join(", ", Enum.GetNames<SmtpSecurity>())}; it is {options.Security}.");
        }

        if (string.IsNullOrEmpty(options.Username) != string.IsNullOrEmpty(options.Password))
        {
            failures.Add("Email:Smtp:Username and Email:Smtp:Password (Email__Smtp__Username, Email__Smtp__Password) go together: set both or neither.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsAddress(string address)
    {
        var at = address.IndexOf('@');
        return at > 0 && at == address.LastIndexOf('@') && at < address.Length - 1 && !address.Any(char.IsWhiteSpace);
    }
}
