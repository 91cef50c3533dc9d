using Microsoft.AspNetCore.Localization;

namespace Course.Web.Localization;

/// <summary>The interface languages, and the endpoint the language switcher posts to.</summary>
public static class UiCultures
{
    public const string Default = "en";

    public static readonly string[] Supported = ["en", "es"];

    public static IEndpointRouteBuilder MapCultureSwitch(this IEndpointRouteBuilder app)
    {
        // Choosing a language only sets a preference cookie, so a GET is fine and needs no token;
        // it works without JavaScript and is remembered for a year.
        app.MapGet("/culture", (HttpContext context, string culture, string? returnUrl) =>
        {
            if (!Supported.Contains(culture))
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown language",
                    detail: $"'{culture}' is not one of: {string.Join(", ", Supported)}.");
            }

            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
            return Results.LocalRedirect(Accounts.ReturnUrls.LocalOr(returnUrl, "/"));
        });
        return app;
    }
}
