using Microsoft.AspNetCore.Identity;
using Course.Web.Data;

namespace Course.Web.Accounts;

/// <summary>
/// Creates the roles, and a first instructor from Seed:Instructor:Email and Password when both are set
/// (appsettings.Development.json sets them for developers; operators set them once, e.g. in .env).
/// Otherwise no default account exists: an operator promotes a user with "users promote".
/// </summary>
public sealed class AccountSeeder(
    RoleManager<IdentityRole> roles,
    UserManager<AppUser> users,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<AccountSeeder> logger)
{
    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        var email = configuration["Seed:Instructor:Email"];
        var password = configuration["Seed:Instructor:Password"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrWhiteSpace(password)
            || await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var instructor = new AppUser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(instructor, password);
        if (!created.Succeeded)
        {
            logger.LogWarning("The development instructor {Email} could not be created: {Errors}", email, string.Join(" ", created.Errors.Select(e => e.Description)));
            return;
        }

        await users.AddToRolesAsync(instructor, [Roles.Learner, Roles.Instructor]);
        logger.LogInformation("Created the development instructor {Email}", email);
    }

    /// <summary>Makes an existing user an instructor; false when no such user exists.</summary>
    public async Task<bool> PromoteAsync(string email)
    {
        if (await users.FindByEmailAsync(email) is not { } user)
        {
            return false;
        }

        if (!await users.IsInRoleAsync(user, Roles.Instructor))
        {
            await users.AddToRoleAsync(user, Roles.Instructor);
        }

        return true;
    }
}
