using Course.Web;
using Course.Web.Cli;

var builder = WebApplication.CreateBuilder(args);
var isCommand = OperatorCommands.IsCommand(args);
builder.AddApplicationServices(quiet: isCommand);

var app = builder.Build();
await app.PrepareDatabaseAsync();

if (isCommand)
{
    return await OperatorCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseCoursePipeline();
await app.RunAsync();
return 0;
