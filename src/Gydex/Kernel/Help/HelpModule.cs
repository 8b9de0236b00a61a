using Gydex.Kernel.Access;
using Gydex.Kernel.EventLog;

namespace Gydex.Kernel.Help;

/// <summary>What the journal records of the organization's own help chapters.</summary>
public sealed class HelpJournal : IJournalActions
{
    public static readonly JournalAction ChapterCreated = new("help.chapter.created", "help", new LocalizedText("Глава справки создана", "Help chapter created"));

    public static readonly JournalAction ChapterChanged = new("help.chapter.changed", "help", new LocalizedText("Глава справки изменена", "Help chapter changed"));

    public static readonly JournalAction ChapterDeleted = new("help.chapter.deleted", "help", new LocalizedText("Глава справки удалена", "Help chapter deleted"));

    IEnumerable<JournalAction> IJournalActions.Actions => [ChapterCreated, ChapterChanged, ChapterDeleted];
}

/// <summary>Help that follows rights: the chapters every module ships, filtered for each reader.</summary>
public static class HelpModule
{
    public static IServiceCollection AddGydexHelp(this IServiceCollection services)
    {
        services.AddSingleton<HelpLibrary>();
        services.AddScoped<HelpReader>();
        services.AddScoped<OrgHelpAdministration>();
        services.AddRights<HelpRights>();
        services.AddJournalActions<HelpJournal>();
        services.AddJournaled<OrgHelpChapter>(j => j
            .Records(HelpJournal.ChapterCreated, HelpJournal.ChapterChanged, HelpJournal.ChapterDeleted)
            .Document("help-chapter", c => c.Id + "/" + c.Language, (c, _) => c.Id + " (" + c.Language + ")")
            .Ignore(nameof(OrgHelpChapter.UpdatedAt)));
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o => o.Conventions
            .RequireRight("/Kernel/Help/Pages/Manage", HelpRights.Manage));
        return services;
    }
}
