using Course.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace Course.Web.Progress;

public static class ProgressEndpoints
{
    /// <summary>A learner's own data, as a file: their progress, attempts and roles.</summary>
    public static IEndpointRouteBuilder MapProgressEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/me/export", async (HttpContext context, UserManager<AppUser> users, LearnerProgress progress) =>
        {
            var user = await users.GetUserAsync(context.User);
            if (user is null)
            {
                return Results.Unauthorized();
            }

            var json = await progress.ExportAsync(user, await users.GetRolesAsync(user));
            return Results.File(System.Text.Encoding.UTF8.GetBytes(json), "application/json", "course-my-data.json");
        }).RequireAuthorization();
        return app;
    }
}
