using Microsoft.AspNetCore.Identity;

namespace Course.Web.Accounts;

/// <summary>A person with an account: every one is a learner; some are also instructors.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}

public static class Roles
{
    public const string Learner = "Learner";
    public const string Instructor = "Instructor";

    public static readonly string[] All = [Learner, Instructor];
}
