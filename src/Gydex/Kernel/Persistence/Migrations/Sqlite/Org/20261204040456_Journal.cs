using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gydex.Kernel.Persistence.Migrations.Sqlite.Org
{
    /// <inheritdoc />
    public partial class Journal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DisabledJournalActions",
                columns: table => new
                {
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisabledJournalActions", x => x.Action);
                });

            migrationBuilder.CreateTable(
                name: "Journal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Ip = table.Column<string>(type: "TEXT", maxLength: 45, nullable: true),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    OperatorId = table.Column<Guid>(type: "TEXT", nullable: true),
                    OperatorName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AffectedUserId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AffectedUserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AffectedGroupId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AffectedGroupName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Right = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DocumentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DocumentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DocumentCode = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Changes = table.Column<string>(type: "TEXT", maxLength: 64000, nullable: true),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Journal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JournalHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JournalSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastId = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false),
                    PreviousHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LastHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastAt = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalSegments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JournalSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    IdleThresholdMinutes = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalSettings", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "JournalHeads",
                columns: new[] { "Id", "LastHash", "LastId" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.InsertData(
                table: "JournalSettings",
                columns: new[] { "Id", "IdleThresholdMinutes" },
                values: new object[] { 1, 15 });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_Action_Id",
                table: "Journal",
                columns: new[] { "Action", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_AffectedGroupId_Id",
                table: "Journal",
                columns: new[] { "AffectedGroupId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_AffectedUserId_Id",
                table: "Journal",
                columns: new[] { "AffectedUserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_At",
                table: "Journal",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_Journal_DocumentType_DocumentCode_Id",
                table: "Journal",
                columns: new[] { "DocumentType", "DocumentCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_DocumentType_DocumentId_Id",
                table: "Journal",
                columns: new[] { "DocumentType", "DocumentId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_Ip_Id",
                table: "Journal",
                columns: new[] { "Ip", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_Right_Id",
                table: "Journal",
                columns: new[] { "Right", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_UserId_Id",
                table: "Journal",
                columns: new[] { "UserId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_JournalSegments_FirstId",
                table: "JournalSegments",
                column: "FirstId",
                unique: true);

            // Append-only: no UPDATE ever; DELETE only of records an archive segment already holds.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Journal_refuse_update" BEFORE UPDATE ON "Journal"
                BEGIN SELECT RAISE(ABORT, 'The journal is append-only: records are never updated.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Journal_refuse_delete" BEFORE DELETE ON "Journal"
                WHEN OLD."Id" > COALESCE((SELECT MAX("LastId") FROM "JournalSegments"), 0)
                BEGIN SELECT RAISE(ABORT, 'The journal is append-only: only archived records may leave the table.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "JournalSegments_refuse_update" BEFORE UPDATE ON "JournalSegments"
                BEGIN SELECT RAISE(ABORT, 'Journal segments are append-only.'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "JournalSegments_refuse_delete" BEFORE DELETE ON "JournalSegments"
                BEGIN SELECT RAISE(ABORT, 'Journal segments are append-only.'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Journal_refuse_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"Journal_refuse_delete\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"JournalSegments_refuse_update\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"JournalSegments_refuse_delete\";");

            migrationBuilder.DropTable(
                name: "DisabledJournalActions");

            migrationBuilder.DropTable(
                name: "Journal");

            migrationBuilder.DropTable(
                name: "JournalHeads");

            migrationBuilder.DropTable(
                name: "JournalSegments");

            migrationBuilder.DropTable(
                name: "JournalSettings");
        }
    }
}
