namespace Gydex.CommerceML;

public sealed partial class CommerceMLWriter
{
    private void WriteProperty(Property property)
    {
        Start("Свойство");
        AttributeExtras(property.Extras);
        Element("Ид", property.Id);
        Element("НомерВерсии", property.VersionNumber);
        Element("ПометкаУдаления", property.DeletionMark);
        Element("Наименование", property.Name);
        Element("Описание", property.Description);
        Element("Обязательное", property.IsRequired);
        Element("Множественное", property.IsMultiple);
        Element("ТипЗначений", property.ValueType);
        if (property.Options.Count > 0)
        {
            Start("ВариантыЗначений");
            foreach (var option in property.Options)
            {
                if (option.Id is null)
                {
                    Element("Значение", option.Value ?? "");
                    continue;
                }
                Start("Справочник");
                Element("ИдЗначения", option.Id);
                Element("Значение", option.Value);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        Element("ДляТоваров", property.ForProducts);
        Element("ДляПредложений", property.ForOffers);
        Element("ДляДокументов", property.ForDocuments);
        ElementExtras(property.Extras);
        w.WriteEndElement();
    }

    private void WritePriceType(PriceType priceType)
    {
        Start("ТипЦены");
        AttributeExtras(priceType.Extras);
        Element("Ид", priceType.Id);
        Element("Наименование", priceType.Name);
        Element("Валюта", priceType.Currency);
        Element("Описание", priceType.Description);
        if (priceType.Tax is not null)
            WriteTax(priceType.Tax);
        ElementExtras(priceType.Extras);
        w.WriteEndElement();
    }

    private void WriteWarehouse(Warehouse warehouse)
    {
        Start("Склад");
        AttributeExtras(warehouse.Extras);
        Element("Ид", warehouse.Id);
        Element("ПометкаУдаления", warehouse.DeletionMark);
        Element("Наименование", warehouse.Name);
        if (warehouse.Address is not null)
            WriteAddress("Адрес", warehouse.Address);
        WriteContacts(warehouse.Contacts);
        ElementExtras(warehouse.Extras);
        w.WriteEndElement();
    }

    private void WriteUnit(Unit unit)
    {
        Start("ЕдиницаИзмерения");
        AttributeExtras(unit.Extras);
        Element("Ид", unit.Id);
        Element("ПометкаУдаления", unit.DeletionMark);
        Element("НаименованиеКраткое", unit.ShortName);
        Element("Код", unit.Code);
        Element("НаименованиеПолное", unit.FullName);
        Element("МеждународноеСокращение", unit.InternationalAbbreviation);
        ElementExtras(unit.Extras);
        w.WriteEndElement();
    }

    private void WriteTax(Tax tax)
    {
        Start("Налог");
        AttributeExtras(tax.Extras);
        Element("Наименование", tax.Name);
        Element("УчтеноВСумме", tax.IncludedInSum);
        Element("Сумма", tax.Sum);
        Element("Ставка", tax.Rate);
        Element("Акциз", tax.Excise);
        ElementExtras(tax.Extras);
        w.WriteEndElement();
    }

    private void WriteTaxes(ValueList<Tax> taxes)
    {
        if (taxes.Count == 0)
            return;
        Start("Налоги");
        foreach (var tax in taxes)
            WriteTax(tax);
        w.WriteEndElement();
    }

    private void WriteDiscounts(ValueList<Discount> discounts)
    {
        if (discounts.Count == 0)
            return;
        Start("Скидки");
        foreach (var discount in discounts)
        {
            Start("Скидка");
            AttributeExtras(discount.Extras);
            Element("Наименование", discount.Name);
            Element("Сумма", discount.Sum);
            Element("Процент", discount.Percent);
            Element("УчтеноВСумме", discount.IncludedInSum);
            ElementExtras(discount.Extras);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void WriteRequisites(ValueList<Requisite> requisites)
    {
        if (requisites.Count == 0)
            return;
        Start("ЗначенияРеквизитов");
        foreach (var requisite in requisites)
        {
            Start("ЗначениеРеквизита");
            Element("Наименование", requisite.Name);
            foreach (var value in requisite.Values)
                Element("Значение", value);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void WriteAddress(string name, Address address)
    {
        Start(name);
        AttributeExtras(address.Extras);
        Element("Представление", address.Presentation);
        foreach (var field in address.Fields)
        {
            Start("АдресноеПоле");
            Element("Тип", field.Type);
            Element("Значение", field.Value);
            w.WriteEndElement();
        }
        Element("Комментарий", address.Comment);
        ElementExtras(address.Extras);
        w.WriteEndElement();
    }

    private void WriteContacts(ValueList<Contact> contacts)
    {
        if (contacts.Count == 0)
            return;
        Start("Контакты");
        foreach (var contact in contacts)
        {
            Start("Контакт");
            Element("Тип", contact.Type);
            Element("Значение", contact.Value);
            Element("Комментарий", contact.Comment);
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private void WriteBank(string name, Bank bank)
    {
        Start(name);
        AttributeExtras(bank.Extras);
        Element("Наименование", bank.Name);
        Element("СчетКорреспондентский", bank.CorrespondentAccount);
        if (bank.Address is not null)
            WriteAddress("Адрес", bank.Address);
        Element("БИК", bank.Bic);
        ElementExtras(bank.Extras);
        w.WriteEndElement();
    }

    private void WriteCounterparty(string name, Counterparty c)
    {
        Start(name);
        AttributeExtras(c.Extras);
        Element("Ид", c.Id);
        Element("НомерВерсии", c.VersionNumber);
        Element("ПометкаУдаления", c.DeletionMark);
        Element("Наименование", c.Name);
        Element("Роль", c.Role);
        Element("ОфициальноеНаименование", c.OfficialName);
        if (c.LegalAddress is not null)
            WriteAddress("ЮридическийАдрес", c.LegalAddress);
        Element("ПолноеНаименование", c.FullName);
        Element("Фамилия", c.Surname);
        Element("Имя", c.FirstName);
        Element("Отчество", c.MiddleName);
        Element("ДатаРождения", c.BirthDate);
        if (c.RegistrationAddress is not null)
            WriteAddress("АдресРегистрации", c.RegistrationAddress);
        Element("ИНН", c.Inn);
        Element("КПП", c.Kpp);
        Element("ОКПО", c.Okpo);
        Element("ОКВЭД", c.Okved);
        if (c.BankAccounts.Count > 0)
        {
            Start("РасчетныеСчета");
            foreach (var account in c.BankAccounts)
            {
                Start("РасчетныйСчет");
                AttributeExtras(account.Extras);
                Element("НомерСчета", account.Number);
                if (account.Bank is not null)
                    WriteBank("Банк", account.Bank);
                if (account.CorrespondentBank is not null)
                    WriteBank("БанкКорреспондент", account.CorrespondentBank);
                ElementExtras(account.Extras);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (c.Address is not null)
            WriteAddress("Адрес", c.Address);
        WriteContacts(c.Contacts);
        if (c.Representatives.Count > 0)
        {
            Start("Представители");
            foreach (var representative in c.Representatives)
            {
                Start("Представитель");
                Element("Отношение", representative.Relation);
                Element("Ид", representative.Id);
                Element("Наименование", representative.Name);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        Element("Комментарий", c.Comment);
        ElementExtras(c.Extras);
        w.WriteEndElement();
    }

    private void WriteBaseUnit(BaseUnit unit)
    {
        Start("БазоваяЕдиница");
        Attribute("Код", unit.Code);
        Attribute("НаименованиеПолное", unit.FullName);
        Attribute("МеждународноеСокращение", unit.InternationalAbbreviation);
        Attribute("НаименованиеКраткое", unit.ShortName);
        AttributeExtras(unit.Extras);
        if (!string.IsNullOrEmpty(unit.Text))
            w.WriteString(unit.Text);
        foreach (var conversion in unit.Conversions)
        {
            Start("Пересчет");
            Element("Единица", conversion.Unit);
            Element("Коэффициент", conversion.Factor);
            w.WriteEndElement();
        }
        ElementExtras(unit.Extras);
        w.WriteEndElement();
    }

    /// <summary>The fields every product-like record has, in the XSD's order; the caller writes its own after.</summary>
    private void WriteProductFields(ProductBase p)
    {
        Attribute("Статус", p.Status);
        AttributeExtras(p.Extras);
        Element("Ид", p.Id);
        Element("НомерВерсии", p.VersionNumber);
        Element("ПометкаУдаления", p.DeletionMark);
        Element("Штрихкод", p.Barcode);
        Element("Артикул", p.Article);
        Element("Наименование", p.Name);
        if (p.BaseUnit is not null)
            WriteBaseUnit(p.BaseUnit);
        if (p.GroupIds.Count > 0)
        {
            Start("Группы");
            foreach (var id in p.GroupIds)
                Element("Ид", id);
            w.WriteEndElement();
        }
        Element("Описание", p.Description);
        foreach (var image in p.Images)
            Element("Картинка", image);
        Element("Страна", p.Country);
        Element("ТорговаяМарка", p.TradeMark);
        if (p.Manufacturer is not null)
            WriteCounterparty("Изготовитель", p.Manufacturer);
        if (p.PropertyValues.Count > 0)
        {
            Start("ЗначенияСвойств");
            foreach (var value in p.PropertyValues)
            {
                Start("ЗначенияСвойства");
                Element("Ид", value.Id);
                Element("Наименование", value.Name);
                foreach (var v in value.Values)
                    Element("Значение", v);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (p.TaxRates.Count > 0)
        {
            Start("СтавкиНалогов");
            foreach (var rate in p.TaxRates)
            {
                Start("СтавкаНалога");
                Element("Наименование", rate.Name);
                Element("Ставка", rate.Rate);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (p.Characteristics.Count > 0)
        {
            Start("ХарактеристикиТовара");
            foreach (var characteristic in p.Characteristics)
            {
                Start("ХарактеристикаТовара");
                Element("Ид", characteristic.Id);
                Element("Наименование", characteristic.Name);
                Element("Значение", characteristic.Value);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        WriteRequisites(p.Requisites);
    }

    private void WriteOffer(Offer offer)
    {
        Start("Предложение");
        WriteProductFields(offer);
        if (offer.Prices.Count > 0)
        {
            Start("Цены");
            foreach (var price in offer.Prices)
            {
                Start("Цена");
                AttributeExtras(price.Extras);
                Element("Представление", price.Presentation);
                Element("ИдТипаЦены", price.PriceTypeId);
                Element("ЦенаЗаЕдиницу", price.PricePerUnit);
                Element("Валюта", price.Currency);
                Element("Единица", price.Unit);
                Element("Коэффициент", price.Coefficient);
                Element("МинКоличество", price.MinQuantity);
                ElementExtras(price.Extras);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        Element("Количество", offer.Quantity);
        foreach (var stock in offer.Stocks)
        {
            // The standard attribute form; the split package's Остатки/Остаток reads into the same records.
            Start("Склад");
            Attribute("ИдСклада", stock.WarehouseId);
            if (stock.Quantity is { } quantity)
                w.WriteAttributeString("КоличествоНаСкладе", CommerceMLValues.FormatDecimal(quantity));
            w.WriteEndElement();
        }
        ElementExtras(offer.Extras);
        w.WriteEndElement();
    }

    private void WriteDocument(string name, Document d)
    {
        if (d.Payments.Count > 0 && CommerceMLVersion.Compare(options.SchemaVersion, CommerceMLVersion.V209) != 0)
            throw new InvalidOperationException($"Document {d.Number ?? d.Id}: Оплаты exist only in CommerceML 2.09 (writing {options.SchemaVersion}); send payment data as requisites or, in 2.10, as subordinate documents.");
        if (d.SubordinateDocuments.Count > 0 && CommerceMLVersion.Compare(options.SchemaVersion, CommerceMLVersion.V210) < 0)
            throw new InvalidOperationException($"Document {d.Number ?? d.Id}: ПодчиненныеДокументы exist only from CommerceML 2.10 (writing {options.SchemaVersion}).");
        Start(name);
        AttributeExtras(d.Extras);
        Element("Ид", d.Id);
        Element("НомерВерсии", d.VersionNumber);
        Element("ПометкаУдаления", d.DeletionMark);
        Element("Номер", d.Number);
        Element("Номер1С", d.Number1C);
        Element("Дата", d.Date);
        Element("Дата1С", d.Date1C);
        Element("ХозОперация", d.Operation);
        Element("Роль", d.Role);
        Element("Валюта", d.Currency);
        Element("Курс", d.Rate);
        Element("Сумма", d.Sum);
        if (d.Counterparties.Count > 0)
        {
            Start("Контрагенты");
            foreach (var counterparty in d.Counterparties)
                WriteCounterparty("Контрагент", counterparty);
            w.WriteEndElement();
        }
        Element("Время", d.Time);
        Element("СрокПлатежа", d.PaymentDue);
        Element("Комментарий", d.Comment);
        WriteTaxes(d.Taxes);
        WriteDiscounts(d.Discounts);
        if (d.Warehouses.Count > 0)
        {
            Start("Склады");
            foreach (var warehouse in d.Warehouses)
                WriteWarehouse(warehouse);
            w.WriteEndElement();
        }
        if (d.Lines.Count > 0)
        {
            Start("Товары");
            foreach (var line in d.Lines)
                WriteLine(line);
            w.WriteEndElement();
        }
        WriteRequisites(d.Requisites);
        if (d.Payments.Count > 0)
        {
            Start("Оплаты");
            foreach (var payment in d.Payments)
            {
                Start("Оплата");
                AttributeExtras(payment.Extras);
                Element("НомерДокумента", payment.DocumentNumber);
                Element("НомерТранзакции", payment.TransactionNumber);
                Element("ДатаОплаты", payment.Date);
                Element("СуммаОплаты", payment.Sum);
                Element("СпособОплаты", payment.Method);
                Element("ИдСпособаОплаты", payment.MethodId);
                ElementExtras(payment.Extras);
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (d.SubordinateDocuments.Count > 0)
        {
            Start("ПодчиненныеДокументы");
            foreach (var subordinate in d.SubordinateDocuments)
                WriteDocument("ПодчиненныйДокумент", subordinate);
            w.WriteEndElement();
        }
        ElementExtras(d.Extras);
        w.WriteEndElement();
    }

    private void WriteLine(DocumentLine line)
    {
        Start("Товар");
        WriteProductFields(line);
        Element("ИдКаталога", line.CatalogId);
        Element("ИдКлассификатора", line.ClassifierId);
        Element("ЦенаЗаЕдиницу", line.PricePerUnit);
        Element("Количество", line.Quantity);
        Element("Сумма", line.Sum);
        if (line.Unit is { } unit)
        {
            Start("Единица");
            if (!string.IsNullOrEmpty(unit.Text))
                w.WriteString(unit.Text);
            Element("Ид", unit.Id);
            Element("НаименованиеКраткое", unit.ShortName);
            Element("Код", unit.Code);
            Element("НаименованиеПолное", unit.FullName);
            w.WriteEndElement();
        }
        Element("Коэффициент", line.Coefficient);
        WriteTaxes(line.Taxes);
        WriteDiscounts(line.Discounts);
        ElementExtras(line.Extras);
        w.WriteEndElement();
    }
}
