using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Gydex.Kernel.Persistence.Migrations.Postgres.Org
{
    /// <inheritdoc />
    public partial class Customers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Surname = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Patronymic = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Position = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Phones = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Emails = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Messengers = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Birthday = table.Column<DateOnly>(type: "date", nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ConsentDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ConsentPurpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ConsentMethod = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ConsentWithdrawnDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: true),
                    SearchText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Users_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Counterparties",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<long>(type: "bigint", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    FullName = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Inn = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: true),
                    Kpp = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    Ogrn = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    LegalAddress = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    PostalAddress = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Phones = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Emails = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Website = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ResponsibleId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Tags = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: true),
                    SearchText = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Counterparties", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Counterparties_Users_ResponsibleId",
                        column: x => x.ResponsibleId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CustomerImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Target = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Duplicates = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Mapping = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Processed = table.Column<int>(type: "integer", nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Skipped = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerImports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomFieldDefinitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntityType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Options = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    ShowInList = table.Column<bool>(type: "boolean", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFieldDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DocumentSequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DocumentSequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ListColumns",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    List = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Columns = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListColumns", x => new { x.UserId, x.List });
                    table.ForeignKey(
                        name: "FK_ListColumns_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedFilters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    List = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedFilters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedFilters_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactMatchKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactMatchKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactMatchKeys_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ContactLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ContactLinks_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ContactLinks_Counterparties_CounterpartyId",
                        column: x => x.CounterpartyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CounterpartyBankAccounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterpartyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Bik = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    Account = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    BankName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterpartyBankAccounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterpartyBankAccounts_Counterparties_CounterpartyId",
                        column: x => x.CounterpartyId,
                        principalTable: "Counterparties",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerImportRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    WasCreated = table.Column<bool>(type: "boolean", nullable: false),
                    Before = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerImportRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerImportRecords_CustomerImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "CustomerImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerImportRejections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ImportId = table.Column<Guid>(type: "uuid", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerImportRejections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerImportRejections_CustomerImports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "CustomerImports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomFieldValues",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FieldId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntityType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Number = table.Column<decimal>(type: "numeric(28,8)", precision: 28, scale: 8, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomFieldValues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomFieldValues_CustomFieldDefinitions_FieldId",
                        column: x => x.FieldId,
                        principalTable: "CustomFieldDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ContactLinks_ContactId_CounterpartyId",
                table: "ContactLinks",
                columns: new[] { "ContactId", "CounterpartyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ContactLinks_CounterpartyId",
                table: "ContactLinks",
                column: "CounterpartyId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMatchKeys_ContactId",
                table: "ContactMatchKeys",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_ContactMatchKeys_Key",
                table: "ContactMatchKeys",
                column: "Key");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Code",
                table: "Contacts",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_DepartmentId_Surname_Number",
                table: "Contacts",
                columns: new[] { "DepartmentId", "Surname", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ImportId",
                table: "Contacts",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Number",
                table: "Contacts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_ResponsibleId_Surname_Number",
                table: "Contacts",
                columns: new[] { "ResponsibleId", "Surname", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SearchText_trgm",
                table: "Contacts",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Surname_Number",
                table: "Contacts",
                columns: new[] { "Surname", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_UpdatedAt_Number",
                table: "Contacts",
                columns: new[] { "UpdatedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_Code",
                table: "Counterparties",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_DepartmentId_Name_Number",
                table: "Counterparties",
                columns: new[] { "DepartmentId", "Name", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ImportId",
                table: "Counterparties",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_Inn",
                table: "Counterparties",
                column: "Inn");

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_Name_Number",
                table: "Counterparties",
                columns: new[] { "Name", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_Number",
                table: "Counterparties",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_ResponsibleId_Name_Number",
                table: "Counterparties",
                columns: new[] { "ResponsibleId", "Name", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_SearchText_trgm",
                table: "Counterparties",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Counterparties_UpdatedAt_Number",
                table: "Counterparties",
                columns: new[] { "UpdatedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterpartyBankAccounts_CounterpartyId",
                table: "CounterpartyBankAccounts",
                column: "CounterpartyId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImportRecords_ImportId",
                table: "CustomerImportRecords",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImportRejections_ImportId_Row",
                table: "CustomerImportRejections",
                columns: new[] { "ImportId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerImports_CreatedAt",
                table: "CustomerImports",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldDefinitions_EntityType_Key",
                table: "CustomFieldDefinitions",
                columns: new[] { "EntityType", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_Number",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_FieldId_Value_RecordId",
                table: "CustomFieldValues",
                columns: new[] { "FieldId", "Value", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomFieldValues_RecordId_FieldId",
                table: "CustomFieldValues",
                columns: new[] { "RecordId", "FieldId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedFilters_UserId_List_Name",
                table: "SavedFilters",
                columns: new[] { "UserId", "List", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactLinks");

            migrationBuilder.DropTable(
                name: "ContactMatchKeys");

            migrationBuilder.DropTable(
                name: "CounterpartyBankAccounts");

            migrationBuilder.DropTable(
                name: "CustomerImportRecords");

            migrationBuilder.DropTable(
                name: "CustomerImportRejections");

            migrationBuilder.DropTable(
                name: "CustomFieldValues");

            migrationBuilder.DropTable(
                name: "DocumentSequences");

            migrationBuilder.DropTable(
                name: "ListColumns");

            migrationBuilder.DropTable(
                name: "SavedFilters");

            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "Counterparties");

            migrationBuilder.DropTable(
                name: "CustomerImports");

            migrationBuilder.DropTable(
                name: "CustomFieldDefinitions");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
