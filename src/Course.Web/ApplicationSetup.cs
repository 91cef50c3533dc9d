using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Globalization;
using Course.Core.Quizzes;
using Course.Core.Tokens;
using Course.Web.Accounts;
using Course.Web.Catalog;
using Course.Web.Chapters;
using Course.Web.Components;
using Course.Web.Data;
using Course.Web.Lessons;
using Course.Web.Narration;
using Course.Web.Localization;
using Course.Web.Operations;
using Course.Web.Progress;
using Course.Web.Quizzes;
using Course.Web.Studio;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Course.Web.Seed;

namespace Course.Web;

public static class ApplicationSetup
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // A learner whose connection drops (a phone locks, the Wi-Fi hiccups) finds the player where it was if they are
        // back within the retention period; a learner who closes the tab releases the circuit at once (the browser's
        // disconnect beacon). Chosen and measured in docs/performance.md (figure 4); settable per deployment.
        services.AddRazorComponents().AddInteractiveServerComponents(circuits =>
        {
            circuits.DisconnectedCircuitRetentionPeriod = TimeSpan.FromSeconds(
                Math.Clamp(builder.Configuration.GetValue("Circuits:DisconnectedRetentionSeconds", 180), 0, 3600));
            circuits.DisconnectedCircuitMaxRetained = Math.Clamp(builder.Configuration.GetValue("Circuits:MaxRetained", 100), 0, 100_000);
        });
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(options => ApiJson.Configure(options.SerializerOptions));
        services.AddMemoryCache();
        services.AddCatalogCache();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton(TimeProvider.System);

        services.AddCourseDatabase(builder.Configuration, builder.Environment);

        // Keys in the database: every instance reads the cookies and antiforgery tokens the others wrote.
        services.AddDataProtection().SetApplicationName("Course").PersistKeysToDbContext<CourseDbContext>();
        services.AddCourseHealthChecks();
        services.AddCourseTelemetry(builder.Configuration);
        services.AddAccountRateLimits(builder.Configuration);

        // The largest body the app accepts (course packages and script uploads are the big ones).
        var maxBody = builder.Configuration.GetValue<long>("Limits:MaxRequestBodyBytes", 10 * 1024 * 1024);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(form => form.MultipartBodyLengthLimit = maxBody);

        // On shutdown the progress writer saves what is queued; give it time before the host gives up.
        // It handles its own failures (docs/progress.md); should a background service fail anyway, the host
        // logs it and the app goes on serving learners, where the default would stop the whole app.
        services.Configure<HostOptions>(host =>
        {
            host.ShutdownTimeout = TimeSpan.FromSeconds(30);
            host.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore;
        });

        services.AddAccounts(builder.Configuration, builder.Environment);
        services.AddScoped<ChapterStore>();
        services.AddNarration(builder.Configuration);
        services.AddScoped<ChapterImporter>();
        services.AddScoped<CourseSeeder>();
        services.AddScoped<QuizImporter>();
        services.AddScoped<QuizCatalog>();
        services.AddScoped<QuizAttempts>();
        services.AddSingleton<OpenAttempts>();
        services.AddSingleton<QuizDrafts>();
        services.AddSingleton<TokenExplorer>();
        services.AddSingleton<ITokenCounter>(sp => sp.GetRequiredService<TokenExplorer>());
        services.AddSingleton<QuizGrader>();
        services.AddSingleton<ProgressRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<ProgressRecorder>());
        services.AddScoped<LearnerProgress>();
        services.AddScoped<ChapterAnalytics>();
        services.AddScoped<ChapterStudio>();
        services.AddScoped<CourseStudio>();
        services.AddScoped<QuizStudio>();
        services.AddScoped<CoursePackages>();
        services.AddOptions<PackageOptions>().Bind(builder.Configuration.GetSection(PackageOptions.Section))
            .Validate(o => o.MaxBytes is >= 1024 * 1024 and <= PackageOptions.LimitMaxBytes,
                $"Packages:MaxBytes (Packages__MaxBytes) must be between 1048576 (1 MB) and {PackageOptions.LimitMaxBytes} ({PackageOptions.LimitMaxBytes / (1024 * 1024)} MB) bytes.")
            .ValidateOnStart();
        services.AddScoped<CatalogReader>();
        services.AddScoped<IChapterSource>(sp => sp.GetRequiredService<CatalogReader>());
        services.AddScoped<PlayerConnection>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<PlayerConnection>());
        return builder;
    }

    /// <summary>
    /// Migrates and seeds, unless the operator runs migrations separately (Database:MigrateOnStartup=false,
    /// as the replicas behind a load balancer do; the <c>migrate</c> command always does).
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app, bool always = false)
    {
        if (!always && !app.Configuration.GetValue("Database:MigrateOnStartup", true))
        {
            return;
        }

        await DatabaseSetup.MigrateAsync(app.Services);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<AccountSeeder>().SeedAsync();
        await scope.ServiceProvider.GetRequiredService<CourseSeeder>().SeedAsync();
    }

    public static WebApplication UseCoursePipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization(options =>
        {
            var cultures = UiCultures.Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture(UiCultures.Default);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.ApplyCurrentCultureToResponseHeaders = true;
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache(); // after authentication: signed-in requests are never cached
        app.UseAntiforgery();

        app.MapCourseHealthChecks();
        app.MapStaticAssets();
        app.MapCatalogApi();
        app.MapCultureSwitch();
        app.MapAccountEndpoints();
        app.MapProgressEndpoints();
        app.MapStudioEndpoints();
        app.MapNarrationEndpoints();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null); // our policy says 'none'


        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Urls.Count > 0 ? string.Join(", ", app.Urls) : "(none)";
            app.Logger.LogInformation("Course is ready: open {Addresses} in a browser", addresses);
        });
        return app;
    }
}
