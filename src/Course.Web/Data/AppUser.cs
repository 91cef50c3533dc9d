using Microsoft.AspNetCore.Identity;

namespace Course.Web.Data;

/// <summary>A person with an account: every one is a learner; some are also instructors.</summary>
public sealed class AppUser : IdentityUser
{
    public DateTimeOffset CreatedAt { get; set; }
}
