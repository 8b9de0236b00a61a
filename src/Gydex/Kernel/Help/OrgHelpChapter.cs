using Gydex.Kernel.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Gydex.Kernel.Help;

/// <summary>A chapter an organization's administrators wrote themselves, stored in the organization's database.</summary>
public sealed class OrgHelpChapter
{
    public const int TitleMaxLength = 200;
    public const int MarkdownMaxLength = 100_000;

    public string Id { get; set; } = "";

    public string Language { get; set; } = "ru";

    public string Title { get; set; } = "";

    public string Markdown { get; set; } = "";

    /// <summary>Right codes separated by commas; empty for every signed-in employee.</summary>
    public string Rights { get; set; } = "";

    public bool MatchAny { get; set; }

    public int Order { get; set; } = 1000;

    public DateTimeOffset UpdatedAt { get; set; }
}

[OrgEntity]
internal sealed class OrgHelpChapterModel : IEntityTypeConfiguration<OrgHelpChapter>
{
    public void Configure(EntityTypeBuilder<OrgHelpChapter> builder)
    {
        builder.ToTable("HelpChapters");
        builder.HasKey(c => new { c.Id, c.Language });
        builder.Property(c => c.Id).HasMaxLength(HelpChapter.IdMaxLength);
        builder.Property(c => c.Language).HasMaxLength(8);
        builder.Property(c => c.Title).HasMaxLength(OrgHelpChapter.TitleMaxLength);
        builder.Property(c => c.Markdown).HasMaxLength(OrgHelpChapter.MarkdownMaxLength);
        builder.Property(c => c.Rights).HasMaxLength(2000);
    }
}
