using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Gydex.Kernel.Persistence.Migrations.Postgres.Org
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
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DisabledJournalActions", x => x.Action);
                });

            migrationBuilder.CreateTable(
                name: "Journal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Ip = table.Column<string>(type: "character varying(45)", maxLength: 45, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    OperatorId = table.Column<Guid>(type: "uuid", nullable: true),
                    OperatorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AffectedUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    AffectedUserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AffectedGroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    AffectedGroupName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Right = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    DocumentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DocumentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DocumentCode = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Changes = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: true),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Journal", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JournalHeads",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastId = table.Column<long>(type: "bigint", nullable: false),
                    LastHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JournalSegments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    FirstId = table.Column<long>(type: "bigint", nullable: false),
                    LastId = table.Column<long>(type: "bigint", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false),
                    PreviousHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    LastHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    FirstAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FileName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    FileSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JournalSegments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JournalSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    IdleThresholdMinutes = table.Column<int>(type: "integer", nullable: false)
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

            // Append-only: no UPDATE or TRUNCATE ever; DELETE only of records an archive segment already holds.
            migrationBuilder.Sql("""
                CREATE FUNCTION journal_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'The journal is append-only: % on % is refused.', TG_OP, TG_TABLE_NAME;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION journal_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF OLD."Id" > COALESCE((SELECT MAX("LastId") FROM "JournalSegments"), 0) THEN
                        RAISE EXCEPTION 'The journal is append-only: only archived records may leave the table.';
                    END IF;
                    RETURN OLD;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER journal_refuse_update BEFORE UPDATE ON "Journal" FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER journal_refuse_delete BEFORE DELETE ON "Journal" FOR EACH ROW EXECUTE FUNCTION journal_refuse_delete();
                CREATE TRIGGER journal_refuse_truncate BEFORE TRUNCATE ON "Journal" FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER journal_segments_refuse_change BEFORE UPDATE OR DELETE ON "JournalSegments" FOR EACH ROW EXECUTE FUNCTION journal_refuse_change();
                CREATE TRIGGER journal_segments_refuse_truncate BEFORE TRUNCATE ON "JournalSegments" FOR EACH STATEMENT EXECUTE FUNCTION journal_refuse_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS journal_refuse_update ON "Journal";
                DROP TRIGGER IF EXISTS journal_refuse_delete ON "Journal";
                DROP TRIGGER IF EXISTS journal_refuse_truncate ON "Journal";
                DROP TRIGGER IF EXISTS journal_segments_refuse_change ON "JournalSegments";
                DROP TRIGGER IF EXISTS journal_segments_refuse_truncate ON "JournalSegments";
                DROP FUNCTION IF EXISTS journal_refuse_change();
                DROP FUNCTION IF EXISTS journal_refuse_delete();
                """);

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
