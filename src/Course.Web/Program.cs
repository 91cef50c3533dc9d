using Course.Web;
using Course.Web.Cli;

// --verbose belongs to every command (more log lines on standard error), so no command sees it.
(args, var verbose) = CommandLogging.TakeVerbose(args);

// Commands that must not start the app or touch its configured database.
if (OperatorCommands.IsHelp(args))
{
    return OperatorCommands.Help(Console.Out);
}

if (HealthProbe.IsCommand(args))
{
    return await HealthProbe.RunAsync(args, Console.Error, verbose);
}

if (DataMigrationCommand.IsCommand(args))
{
    return await DataMigrationCommand.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    EnvironmentName = Course.Web.Operations.SourceCheckout.DefaultEnvironment(args),
});
var isCommand = OperatorCommands.IsCommand(args);
if (isCommand)
{
    // A command's standard output is its document: logs go to standard error.
    builder.Logging.ForOperatorCommand(verbose);
}

builder.AddApplicationServices();

var app = builder.Build();
if (isCommand)
{
    // Disposing the host flushes the console logger's queue before the process ends.
    await using (app)
    {
        await app.PrepareDatabaseAsync(always: OperatorCommands.IsMigrate(args));
        return await OperatorCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
    }
}

await app.PrepareDatabaseAsync();
app.UseCoursePipeline();
await app.RunAsync();
return 0;
