using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Course.Web.Operations;

public static class Telemetry
{
    /// <summary>
    /// Metrics, traces and logs for ASP.NET Core, EF Core, the runtime and the "Course" meter, exported over
    /// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set; otherwise collected nowhere and nearly free.
    /// Console logs are JSON outside Development (appsettings.Production.json), one object per line: on standard
    /// output when serving, on standard error for an operator command (Cli/CommandLogging).
    /// </summary>
    public static IServiceCollection AddCourseTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<CourseMetrics>();
        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("course-web"))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(CourseMetrics.MeterName, "Microsoft.EntityFrameworkCore"))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/health", StringComparison.Ordinal))
                .AddEntityFrameworkCoreInstrumentation())
            .WithLogging();

        if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return services;
    }
}
