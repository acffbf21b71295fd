/**
 * The Manual de Fuga task catalog (the original's `mf_tarefa` rows): what the
 * MF questionnaire can put on a user's list. Ids are stable (users' tasks and
 * the questionnaire refer to them); `codigo` is the questionnaire's name for a
 * task. Texts written for this project, grouped by the original's
 * `agrupador` categories; titles are empty as in the original catalog (the app
 * shows the description). `checkbox_contato` tasks keep what the user types in
 * `campo_livre` (trusted contacts), so they are `eh_customizada`.
 */
import { mfTarefaKey } from '../keys.ts';
import type { ContentModule } from './content-item.ts';

export type TarefaTipo = 'checkbox' | 'checkbox_contato';

export type Tarefa = {
  id: number;
  codigo: string;
  titulo: string;
  descricao: string;
  tipo: TarefaTipo;
  agrupador: string;
  eh_customizada: 0 | 1;
};

export const AGRUPADORES = {
  basicos: 'Itens Básicos',
  passos: 'Passos para fuga',
  seguranca: 'Segurança pessoal',
  transporte: 'Transporte',
  dependentes: 'Crianças, adolescentes e dependentes',
  bens: 'Bens e renda',
} as const;

const task = (id: number, agrupador: string, descricao: string, tipo: TarefaTipo = 'checkbox'): Tarefa => ({
  id,
  codigo: `T${id}`,
  titulo: '',
  descricao,
  tipo,
  agrupador,
  eh_customizada: tipo === 'checkbox_contato' ? 1 : 0,
});

const { basicos, passos, seguranca, transporte, dependentes, bens } = AGRUPADORES;

export const TAREFAS: readonly Tarefa[] = [
  task(
    1,
    basicos,
    'Junte seus documentos e os de seus filhos, se houver (RG, CPF, certidões, cartão do SUS, carteira de vacinação) ou faça cópias e guarde-as em um lugar seguro fora de casa.',
  ),
  task(2, basicos, 'Prepare aos poucos uma bolsa com algumas mudas de roupa e itens de higiene. Se uma mala chamar atenção, use sacolas comuns.'),
  task(3, basicos, 'Separe os remédios de uso contínuo e as receitas médicas, suas e de quem depende de você.'),
  task(4, basicos, 'Tenha um celular carregado e um carregador à mão; se puder, anote em papel os números mais importantes.'),
  task(5, passos, 'Escreva os telefones das pessoas de confiança e de quem pode acolher você; eles ficarão guardados no seu plano.', 'checkbox_contato'),
  task(6, passos, 'Combine com uma pessoa de confiança uma palavra ou sinal que signifique que você precisa de ajuda imediatamente.'),
  task(
    7,
    passos,
    'Procure o Centro de Referência de Assistência Social (CRAS) ou o Centro de Referência da Mulher da sua cidade para conhecer a rede de apoio.',
  ),
  task(8, passos, 'Verifique se o seu cadastro no CadÚnico está ativo: ele dá acesso a benefícios que podem ajudar depois da saída.'),
  task(9, passos, 'Defina para onde você vai e conte o endereço apenas a pessoas de extrema confiança.'),
  task(10, passos, 'Se você já tem medida protetiva e continua sendo ameaçada, registre um novo boletim de ocorrência.'),
  task(11, seguranca, 'Durante uma discussão, afaste-se de cômodos com objetos que possam ferir, como a cozinha, e fique perto de uma saída.'),
  task(12, seguranca, 'Peça a um vizinho de confiança que ligue para o 190 se ouvir sinais de violência na sua casa.'),
  task(13, seguranca, 'Ative o modo camuflado do PenhaS para que o aplicativo não chame atenção no seu celular.'),
  task(14, seguranca, 'Revise as configurações de privacidade das suas redes sociais e não publique onde você está.'),
  task(15, seguranca, 'Verifique se há aplicativos de localização ou contas compartilhadas no seu celular que permitam ao agressor ver onde você está.'),
  task(16, seguranca, 'Guarde registros da violência (fotos, mensagens, áudios) com uma pessoa de confiança ou em uma conta que só você acessa.'),
  task(17, transporte, 'Escolha o meio de transporte da saída e tenha um plano alternativo caso ele falhe.'),
  task(18, transporte, 'Confira horários e linhas do transporte público até o local onde você será acolhida.'),
  task(19, transporte, 'Separe o dinheiro das passagens, contando baldeações e as crianças que irão com você.'),
  task(20, transporte, 'Se for de carro, deixe uma chave reserva em um lugar seguro e mantenha o tanque abastecido.'),
  task(21, transporte, 'Se alguém for buscar você, combine quanto tempo leva para chegar e peça sigilo sobre o destino.'),
  task(22, dependentes, 'Explique a situação às crianças com palavras adequadas à idade delas, sem contar detalhes do plano.'),
  task(23, dependentes, 'Ensine às crianças um lugar seguro para onde ir e como pedir ajuda em caso de briga.'),
  task(24, dependentes, 'Separe documentos escolares e de saúde das crianças e de outras pessoas que dependem de você.'),
  task(25, dependentes, 'Procure o Conselho Tutelar ou ligue para o Disque 100 se crianças ou adolescentes também sofrem violência.'),
  task(26, bens, 'Guarde cartões, senhas e os contatos do seu banco; se possível, abra uma conta que o agressor não conheça.'),
  task(27, bens, 'Reúna comprovantes de bens e de renda (contratos, escrituras, holerites) que possam ser úteis em um processo.'),
  task(28, bens, 'Procure a Defensoria Pública para orientação sobre pensão, guarda e divisão de bens.'),
];

export const tasksCatalogContent: ContentModule = {
  name: 'mf-tarefas',
  items: () => TAREFAS.map((tarefa) => ({ ...mfTarefaKey(tarefa.id), ...tarefa })),
};
