using Gydex.Kernel.Access;
using Gydex.Kernel.CommandLine;
using Gydex.Kernel.CustomFields;
using Gydex.Kernel.EventLog;
using Gydex.Kernel.Help;
using Gydex.Kernel.Identity;
using Gydex.Kernel.Jobs;
using Gydex.Kernel.Organizations;
using Gydex.Kernel.Persistence;
using Gydex.Kernel.Search;
using Gydex.Kernel.Web;
using Gydex.Modules.Administration;
using Gydex.Modules.Customers;
using Gydex.Modules.Exchange;
using Gydex.Modules.Files;
using Gydex.Modules.Operations;
using Gydex.Modules.Sales;

var builder = WebApplication.CreateBuilder(GydexCommandLine.HostArgs(args)).QuietForCommands(args);

builder.Services
    .AddGydexPersistence(builder.Configuration, builder.Environment.ContentRootPath)
    .AddGydexOrganizations(builder.Configuration)
    .AddGydexIdentity(builder.Configuration)
    .AddGydexAccess()
    .AddTrustedProxies(builder.Configuration)
    .AddGydexWeb() // before every module: their page conventions apply to the Razor Pages set up here
    .AddApiRateLimit(builder.Configuration)
    .AddGydexHelp()
    .AddGydexJournal(builder.Configuration)
    .AddCustomFields()
    .AddGlobalSearch()
    .AddCommandLine<OrganizationCommands>()
    .AddAdministration()
    .AddExchange()
    .AddFiles(builder.Configuration)
    .AddCustomers()
    .AddSales()
    .AddGydexJobs(builder.Configuration)
    .AddOperations(builder.Configuration);

var app = builder.Build();

if (GydexCommandLine.IsCommand(args))
    return await GydexCommandLine.RunAsync(app.Services, args);

app.UseGydexPipeline();
app.MapGydexWeb();
app.MapGydexIdentity();
app.MapGydexJournal();
app.MapAdministration();
app.MapFiles();
app.MapCustomers();
app.MapSales();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
