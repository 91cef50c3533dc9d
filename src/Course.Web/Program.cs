using Course.Web;
using Course.Web.Cli;

// Commands that must not start the app or touch its configured database.
if (HealthProbe.IsCommand(args))
{
    return await HealthProbe.RunAsync(args, Console.Error);
}

if (DataMigrationCommand.IsCommand(args))
{
    return await DataMigrationCommand.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
var isCommand = OperatorCommands.IsCommand(args);
builder.AddApplicationServices(quiet: isCommand);

var app = builder.Build();
await app.PrepareDatabaseAsync(always: OperatorCommands.IsMigrate(args));

if (isCommand)
{
    return await OperatorCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseCoursePipeline();
await app.RunAsync();
return 0;
